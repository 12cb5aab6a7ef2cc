package io.jamanager.song;

import io.jamanager.http.ApiError;
import io.jamanager.http.Fields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The fields of a song the host edits, validated; lengths as the song table allows them. */
record SongInput(String title, String artist, String key, String link, String chordText, List<String> tags) {

  static final int TITLE_MAX = 200;
  static final int ARTIST_MAX = 200;
  static final int CHORDS_MAX = 50_000;
  static final int TAGS_MAX = 10;
  static final int TAG_MAX = 30;
  /** A key as musicians write it: root, optional sharp or flat, optional minor ("Am", "F#", "Bb", "C#m"). */
  private static final Pattern KEY = Pattern.compile("[A-G][#b]?m?");

  /** A new song: title required, everything else optional. */
  static SongInput create(JsonObject body) {
    return new SongInput(title(body), artist(body), key(body), link(body), chordText(body), tags(body));
  }

  /** Validates the fields present in a PATCH body now; the result applies them to the stored song. */
  static UnaryOperator<SongInput> patch(JsonObject body) {
    String title = Fields.has(body, "title") ? title(body) : null;
    String artist = Fields.has(body, "artist") ? artist(body) : null;
    String key = key(body);
    String link = link(body);
    String chordText = chordText(body);
    List<String> tags = tags(body);
    return current -> new SongInput(
      title != null ? title : current.title,
      artist != null ? artist : current.artist,
      Fields.has(body, "key") ? key : current.key,
      Fields.has(body, "link") ? link : current.link,
      Fields.has(body, "chordText") ? chordText : current.chordText,
      Fields.has(body, "tags") ? tags : current.tags);
  }

  private static String title(JsonObject body) {
    return Fields.text(body, "title", TITLE_MAX, true);
  }

  private static String artist(JsonObject body) {
    String artist = Fields.text(body, "artist", ARTIST_MAX, false);
    return artist == null ? "" : artist;
  }

  private static String key(JsonObject body) {
    String raw = Fields.text(body, "key", 8, false);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    String key = raw.replace('♯', '#').replace('♭', 'b');
    key = key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1);
    if (!KEY.matcher(key).matches()) {
      throw ApiError.invalid("key", "key must be a key such as C, Am, F#, Bb or C#m");
    }
    return key;
  }

  private static String link(JsonObject body) {
    return Fields.httpsLink(body, "link");
  }

  private static String chordText(JsonObject body) {
    String text = Fields.multiline(body, "chordText", CHORDS_MAX);
    return text == null || text.isEmpty() ? null : text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static List<String> tags(JsonObject body) {
    return Fields.strings(body, "tags", TAGS_MAX, TAG_MAX);
  }
}

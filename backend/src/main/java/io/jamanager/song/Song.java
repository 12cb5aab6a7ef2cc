package io.jamanager.song;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.List;

/** A song of the host's library. {@code chordText} is null in search results, which carry only {@code hasChords}. */
record Song(long id, String title, String artist, String key, String link, List<String> tags, boolean hasChords,
            String chordText) {

  static Song summary(Row row) {
    return new Song(row.getLong("id"), row.getString("title"), row.getString("artist"), row.getString("key"),
      row.getString("link"), tags(row), row.getBoolean("has_chords"), null);
  }

  static Song full(Row row) {
    return new Song(row.getLong("id"), row.getString("title"), row.getString("artist"), row.getString("key"),
      row.getString("link"), tags(row), row.getBoolean("has_chords"), row.getString("chord_text"));
  }

  JsonObject toJson(boolean withChords) {
    JsonObject json = new JsonObject()
      .put("id", id)
      .put("title", title)
      .put("artist", artist)
      .put("key", key)
      .put("link", link)
      .put("tags", new JsonArray(tags))
      .put("hasChords", hasChords)
      .put("searchUrl", SongLinks.ultimateGuitarSearch(title, artist));
    if (withChords) {
      json.put("chordText", chordText);
    }
    return json;
  }

  private static List<String> tags(Row row) {
    String[] tags = row.getArrayOfStrings("tags");
    return tags == null ? List.of() : Arrays.asList(tags);
  }
}

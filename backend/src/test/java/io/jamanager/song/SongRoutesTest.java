package io.jamanager.song;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.auth.Tokens;
import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SongRoutesTest extends ServerTest {

  private static final String SONGS = "/api/v1/songs";
  private static final String SHEET = "[Intro]\n   Am        G\nWhen the night\n\tis young";

  private static String host;
  private static String viewer;

  @BeforeAll
  static void start() {
    // Once per class: logins are rate limited, and the token outlives every reset.
    host = new Api(http).hostToken();
    viewer = new Tokens(app.app().vertx(), app.config().jwtKeys()).viewer(1).token();
  }

  @Test
  void hostAddsASongWithEveryField() {
    Http.Response r = http.post(SONGS, new JsonObject()
      .put("title", " Wonderwall ")
      .put("artist", "Oasis")
      .put("key", "F#m")
      .put("link", "https://tabs.example.com/wonderwall")
      .put("chordText", SHEET)
      .put("tags", new JsonArray(List.of("britpop", " 90s ", "Britpop"))), host);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonObject song = r.json();
    assertThat(song.getLong("id")).isPositive();
    assertThat(song.getString("title")).isEqualTo("Wonderwall");
    assertThat(song.getString("artist")).isEqualTo("Oasis");
    assertThat(song.getString("key")).isEqualTo("F#m");
    assertThat(song.getString("link")).isEqualTo("https://tabs.example.com/wonderwall");
    assertThat(song.getString("chordText")).contains("\n   Am        G\n").contains("\tis young");
    assertThat(song.getJsonArray("tags")).containsExactly("britpop", "90s");
    assertThat(song.getBoolean("hasChords")).isTrue();
    assertThat(song.getString("searchUrl"))
      .isEqualTo("https://www.ultimate-guitar.com/search.php?search_type=title&value=Wonderwall%20Oasis");
  }

  @Test
  void onlyTheTitleIsRequired() {
    JsonObject song = create(new JsonObject().put("title", "Autumn Leaves"));
    assertThat(song.getString("artist")).isEmpty();
    assertThat(song.getValue("key")).isNull();
    assertThat(song.getValue("link")).isNull();
    assertThat(song.getValue("chordText")).isNull();
    assertThat(song.getJsonArray("tags")).isEmpty();
    assertThat(song.getBoolean("hasChords")).isFalse();
  }

  @Test
  void keysAreNormalised() {
    assertThat(create(new JsonObject().put("title", "A").put("key", "bb")).getString("key")).isEqualTo("Bb");
    assertThat(create(new JsonObject().put("title", "B").put("key", "C♯m")).getString("key")).isEqualTo("C#m");
    assertThat(create(new JsonObject().put("title", "C").put("key", "")).getValue("key")).isNull();
  }

  @Test
  void invalidFieldsAreRefusedNamingTheField() {
    assertInvalid(new JsonObject(), "title");
    assertInvalid(new JsonObject().put("title", " "), "title");
    assertInvalid(new JsonObject().put("title", "t".repeat(201)), "title");
    assertInvalid(song().put("artist", "a".repeat(201)), "artist");
    assertInvalid(song().put("artist", "Ctrl\u001b"), "artist");
    assertInvalid(song().put("key", "H"), "key");
    assertInvalid(song().put("key", "Am7"), "key");
    assertInvalid(song().put("link", "http://tabs.example.com/x"), "link");
    assertInvalid(song().put("link", "javascript:alert(1)"), "link");
    assertInvalid(song().put("link", "https://" + "a".repeat(500) + ".com"), "link");
    assertInvalid(song().put("chordText", "x".repeat(50_001)), "chordText");
    assertInvalid(song().put("chordText", "bell\u0007"), "chordText");
    assertInvalid(song().put("tags", "rock"), "tags");
    assertInvalid(song().put("tags", new JsonArray(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"))), "tags");
    assertInvalid(song().put("tags", new JsonArray(List.of("t".repeat(31)))), "tags");
    assertInvalid(song().put("tags", new JsonArray(List.of(""))), "tags");
    assertInvalid(song().put("tags", new JsonArray(List.of(7))), "tags");
    assertThat(TestDatabase.count("select count(*) from song")).isZero();
  }

  @Test
  void longestAllowedValuesAreAccepted() {
    JsonObject song = create(new JsonObject().put("title", "t".repeat(200)).put("artist", "a".repeat(200))
      .put("chordText", "x".repeat(50_000)).put("link", "https://e.com/" + "p".repeat(486)));
    assertThat(song.getString("chordText")).hasSize(50_000);
  }

  @Test
  void searchWithoutQueryListsSongsByTitleWithoutChordText() {
    create(song("Summertime").put("chordText", SHEET));
    create(song("autumn leaves"));
    Http.Response r = http.get(SONGS);
    assertThat(r.status()).isEqualTo(200);
    JsonArray songs = r.jsonArray();
    assertThat(songs.stream().map(s -> ((JsonObject) s).getString("title"))).containsExactly("autumn leaves", "Summertime");
    JsonObject summertime = songs.getJsonObject(1);
    assertThat(summertime.containsKey("chordText")).isFalse();
    assertThat(summertime.getBoolean("hasChords")).isTrue();
    assertThat(summertime.getString("searchUrl")).startsWith("https://www.ultimate-guitar.com/search.php");
  }

  @Test
  void searchMatchesTitleArtistAndTagsIgnoringCase() {
    create(song("Wonderwall").put("artist", "Oasis").put("tags", new JsonArray(List.of("britpop"))));
    create(song("Champagne Supernova").put("artist", "Oasis"));
    create(song("Song 2").put("artist", "Blur").put("tags", new JsonArray(List.of("BritPop"))));
    create(song("Hey Jude").put("artist", "The Beatles"));

    assertThat(titles("oasis")).containsExactly("Champagne Supernova", "Wonderwall");
    assertThat(titles("BRITPOP")).containsExactly("Song 2", "Wonderwall");
    assertThat(titles("jude")).containsExactly("Hey Jude");
    assertThat(titles("wonder oasis")).containsExactly("Wonderwall");
    assertThat(titles("wonder blur")).isEmpty();
  }

  @Test
  void searchPutsTitlesStartingWithTheQueryFirst() {
    create(song("Blue Bossa"));
    create(song("All Blues"));
    create(song("Blues for Alice"));
    assertThat(titles("blue")).containsExactly("Blue Bossa", "Blues for Alice", "All Blues");
  }

  @Test
  void searchTreatsWildcardsLiterally() {
    create(song("100% Pure Love"));
    create(song("1000 Years"));
    create(song("under_score"));
    create(song("underscore"));
    assertThat(titles("100%")).containsExactly("100% Pure Love");
    assertThat(titles("under_")).containsExactly("under_score");
    assertThat(titles("%")).containsExactly("100% Pure Love");
  }

  @Test
  void searchReturnsAtMostFifty() {
    for (int i = 0; i < 55; i++) {
      create(song(String.format("Tune %02d", i)));
    }
    assertThat(http.get(SONGS + "?q=tune").jsonArray()).hasSize(50);
  }

  @Test
  void overlongOrControlCharacterQueryIs400() {
    Http.Response r = http.get(SONGS + "?q=" + "x".repeat(101));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("field")).isEqualTo("q");
    assertThat(http.get(SONGS + "?q=" + enc("a\u0000b")).status()).isEqualTo(400);
  }

  @Test
  void anyoneReadsASongWithItsChordText() {
    long id = create(song("Summertime").put("chordText", SHEET)).getLong("id");
    Http.Response r = http.get(SONGS + "/" + id);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("chordText")).isEqualTo(SHEET);
    assertThat(r.json().getBoolean("hasChords")).isTrue();
  }

  @Test
  void chordTextIsHiddenFromGuestsWhileChordSheetsAreOff() {
    long id = create(song("Summertime").put("chordText", SHEET)).getLong("id");
    assertThat(http.send("PUT", "/api/v1/flags/chord_sheets", new JsonObject().put("enabled", false), host).status())
      .isEqualTo(200);
    assertThat(http.get(SONGS + "/" + id).json().getValue("chordText")).isNull();
    assertThat(http.get(SONGS + "/" + id, viewer).json().getValue("chordText")).isNull();
    assertThat(http.get(SONGS + "/" + id, host).json().getString("chordText")).isEqualTo(SHEET);
  }

  @Test
  void unknownOrMalformedSongIs404() {
    for (String id : new String[] {"999", "abc", "0"}) {
      assertThat(http.get(SONGS + "/" + id).status()).as(id).isEqualTo(404);
      assertThat(http.patch(SONGS + "/" + id, song(), host).status()).as(id).isEqualTo(404);
      assertThat(http.delete(SONGS + "/" + id, host).status()).as(id).isEqualTo(404);
    }
    assertThat(http.get(SONGS + "/999").json().getString("error")).isEqualTo("not_found");
  }

  @Test
  void patchChangesOnlyTheGivenFieldsAndNullClears() {
    long id = create(song("Summertime").put("artist", "Gershwin").put("key", "Am")
      .put("link", "https://e.com/s").put("chordText", SHEET).put("tags", new JsonArray(List.of("jazz")))).getLong("id");

    Http.Response r = http.patch(SONGS + "/" + id, new JsonObject().put("key", "Dm"), host);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getString("key")).isEqualTo("Dm");
    assertThat(r.json().getString("artist")).isEqualTo("Gershwin");
    assertThat(r.json().getString("chordText")).isEqualTo(SHEET);

    r = http.patch(SONGS + "/" + id, new JsonObject().putNull("link").putNull("chordText").putNull("tags")
      .put("title", "Summertime (slow)"), host);
    assertThat(r.json().getValue("link")).isNull();
    assertThat(r.json().getValue("chordText")).isNull();
    assertThat(r.json().getBoolean("hasChords")).isFalse();
    assertThat(r.json().getJsonArray("tags")).isEmpty();
    assertThat(r.json().getString("title")).isEqualTo("Summertime (slow)");
    assertThat(r.json().getString("key")).isEqualTo("Dm");
    assertThat(http.get(SONGS + "/" + id).json()).isEqualTo(r.json());
  }

  @Test
  void patchValidatesLikeCreate() {
    long id = create(song("Summertime")).getLong("id");
    Http.Response r = http.patch(SONGS + "/" + id, new JsonObject().putNull("title"), host);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("field")).isEqualTo("title");
    r = http.patch(SONGS + "/" + id, new JsonObject().put("link", "ftp://x.example.com"), host);
    assertThat(r.json().getString("field")).isEqualTo("link");
  }

  @Test
  void hostDeletesASong() {
    long id = create(song("Gone")).getLong("id");
    Http.Response r = http.delete(SONGS + "/" + id, host);
    assertThat(r.status()).isEqualTo(204);
    assertThat(http.get(SONGS + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void writesNeedTheHost() {
    long id = create(song("Mine")).getLong("id");
    assertThat(http.post(SONGS, song(), null).status()).isEqualTo(401);
    assertThat(http.post(SONGS, song(), viewer).status()).isEqualTo(403);
    assertThat(http.patch(SONGS + "/" + id, song(), null).status()).isEqualTo(401);
    assertThat(http.patch(SONGS + "/" + id, song(), viewer).status()).isEqualTo(403);
    assertThat(http.delete(SONGS + "/" + id, null).status()).isEqualTo(401);
    assertThat(http.delete(SONGS + "/" + id, viewer).json().getString("error")).isEqualTo("host_only");
    assertThat(http.get(SONGS + "/" + id).json().getString("title")).isEqualTo("Mine");
  }

  private static JsonObject song() {
    return song("Title");
  }

  private static JsonObject song(String title) {
    return new JsonObject().put("title", title);
  }

  private static JsonObject create(JsonObject body) {
    Http.Response r = http.post(SONGS, body, host);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static List<String> titles(String q) {
    Http.Response r = http.get(SONGS + "?q=" + enc(q));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.jsonArray().stream().map(s -> ((JsonObject) s).getString("title")).toList();
  }

  private static void assertInvalid(JsonObject body, String field) {
    Http.Response r = http.post(SONGS, body, host);
    assertThat(r.status()).as(body.encode().substring(0, Math.min(80, body.encode().length()))).isEqualTo(400);
    assertThat(r.json().getString("field")).isEqualTo(field);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

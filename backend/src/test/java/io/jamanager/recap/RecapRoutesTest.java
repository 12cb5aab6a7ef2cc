package io.jamanager.recap;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recap of a seeded night: four people, four songs suggested, eight votes at known minutes, three
 * songs played (one with a drummer on the bench), then ended.
 */
class RecapRoutesTest extends ServerTest {

  private String host;
  private JsonObject jam;
  private JsonObject ana;
  private JsonObject ben;
  private JsonObject cleo;
  private JsonObject dan;

  @BeforeEach
  void seedNight() {
    host = api.hostToken();
    jam = api.createJam(host, "Recap Night");
    ana = api.join(jam, "Ana", "guitar");
    ben = api.join(jam, "Ben", "drums");
    cleo = api.join(jam, "Cleo", "bass");
    dan = api.join(jam, "Dan", "drums");
  }

  private long suggest(JsonObject who, String title, String artist) {
    return api.suggest(jam, who.getString("token"), title, artist).getLong("id");
  }

  private void vote(long item, JsonObject who, String at) {
    assertThat(api.vote(jam, item, who.getString("token")).status()).isEqualTo(200);
    try (Connection c = TestDatabase.connect();
         PreparedStatement s = c.prepareStatement("update vote set created_at = ?::timestamptz where item_id = ? and attendee_id = ?")) {
      s.setString(1, at);
      s.setLong(2, item);
      s.setLong(3, who.getJsonObject("attendee").getLong("id"));
      assertThat(s.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void signUp(long item, JsonObject who, String instrument) {
    Http.Response r = http.post(Api.queue(jam) + "/" + item + "/performers", new JsonObject().put("instrument", instrument), who.getString("token"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private void host(String path, JsonObject body) {
    Http.Response r = http.post(Api.jamPath(jam) + path, body, host);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private Http.Response recap(String ref) {
    return http.get("/api/v1/jams/" + ref + "/recap", (String) null);
  }

  /** Plays the night through and ends it. */
  private void playTheNight() {
    long pride = suggest(ana, "Pride and Joy", "Stevie Ray Vaughan");
    long superstition = suggest(ben, "Superstition", "Stevie Wonder");
    long cissy = suggest(cleo, "Cissy Strut", "The Meters");
    long never = suggest(dan, "Never Played", "Nobody");
    assertThat(http.patch(Api.queue(jam) + "/" + pride, new JsonObject().put("key", "E"), host).status()).isEqualTo(200);
    assertThat(http.patch(Api.queue(jam) + "/" + superstition, new JsonObject().put("openSlots", new JsonArray().add("drums")), host)
      .status()).isEqualTo(200);

    vote(pride, ben, "2030-05-01T20:01:00Z");
    vote(pride, cleo, "2030-05-01T20:04:00Z");
    vote(pride, dan, "2030-05-01T20:09:59Z");
    vote(cissy, dan, "2030-05-01T20:10:00Z");
    vote(superstition, ana, "2030-05-01T20:12:00Z");
    vote(superstition, cleo, "2030-05-01T20:35:00Z");
    vote(never, ana, "2030-05-01T20:36:00Z");
    vote(never, ben, "2030-05-01T20:38:00Z");

    signUp(pride, ana, "guitar");
    signUp(pride, ben, "drums");
    signUp(superstition, ben, "drums");
    signUp(superstition, dan, "drums");
    signUp(cissy, cleo, "bass");

    host("/start", null);
    for (long item : List.of(pride, superstition, cissy)) {
      host("/now-playing", new JsonObject().put("itemId", item));
    }
    host("/end", null);
  }

  @Test
  void anEndedNightAnswersItsSetlistTopSongsNumbersAndVotesPerTenMinutes() {
    playTheNight();

    Http.Response r = recap(jam.getString("slug"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject recap = r.json();
    assertThat(recap.getJsonObject("jam").getString("name")).isEqualTo("Recap Night");

    JsonArray setlist = recap.getJsonArray("setlist");
    assertThat(setlist.stream().map(s -> ((JsonObject) s).getString("title")))
      .containsExactly("Pride and Joy", "Superstition", "Cissy Strut");
    JsonObject first = setlist.getJsonObject(0);
    assertThat(first.getString("key")).isEqualTo("E");
    assertThat(first.getInteger("votes")).isEqualTo(3);
    assertThat(first.getJsonArray("performers")).isEqualTo(new JsonArray()
      .add(new JsonObject().put("name", "Ana").put("instrument", "guitar"))
      .add(new JsonObject().put("name", "Ben").put("instrument", "drums")));
    assertThat(setlist.getJsonObject(1).getJsonArray("performers")).as("Dan waited on the bench")
      .isEqualTo(new JsonArray().add(new JsonObject().put("name", "Ben").put("instrument", "drums")));

    assertThat(recap.getJsonArray("mostVoted").stream().map(s -> ((JsonObject) s).getString("title") + " " + ((JsonObject) s).getInteger("votes")
        + " " + ((JsonObject) s).getBoolean("played")))
      .containsExactly("Pride and Joy 3 true", "Superstition 2 true", "Never Played 2 false", "Cissy Strut 1 true");

    assertThat(recap.getJsonObject("numbers")).isEqualTo(new JsonObject()
      .put("people", 4).put("suggestions", 4).put("votes", 8).put("songsPlayed", 3).put("players", 3));

    JsonObject activity = recap.getJsonObject("activity");
    assertThat(activity.getInteger("bucketMinutes")).isEqualTo(10);
    assertThat(activity.getJsonArray("buckets").stream().map(b -> {
      JsonObject bucket = (JsonObject) b;
      return OffsetDateTime.parse(bucket.getString("at")).toInstant() + " " + bucket.getInteger("votes");
    })).containsExactly("2030-05-01T20:00:00Z 3", "2030-05-01T20:10:00Z 2", "2030-05-01T20:20:00Z 0", "2030-05-01T20:30:00Z 3");
  }

  @Test
  void theRecapIsFoundBySlugJoinCodeOrIdAndCachedUntilTheJamChanges() {
    playTheNight();
    Http.Response bySlug = recap(jam.getString("slug"));
    assertThat(bySlug.header("Cache-Control")).isEqualTo("public, max-age=300");
    String etag = bySlug.header("ETag");
    assertThat(etag).isNotBlank();
    assertThat(recap(jam.getString("joinCode").toLowerCase()).body()).isEqualTo(bySlug.body());
    assertThat(recap(jam.getLong("id").toString()).body()).isEqualTo(bySlug.body());

    Http.Response unchanged = http.get("/api/v1/jams/" + jam.getString("slug") + "/recap", "If-None-Match", etag);
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();

    Http.Response removed = http.delete(Api.jamPath(jam) + "/attendees/" + dan.getJsonObject("attendee").getLong("id"), host);
    assertThat(removed.status()).isEqualTo(204);
    Http.Response changed = http.get("/api/v1/jams/" + jam.getString("slug") + "/recap", "If-None-Match", etag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag")).isNotEqualTo(etag);
    assertThat(changed.json().getJsonObject("numbers").getInteger("people")).isEqualTo(3);
  }

  @Test
  void aJamThatHasNotEndedHasNoRecapYet() {
    Http.Response scheduled = recap(jam.getString("slug"));
    assertThat(scheduled.status()).isEqualTo(409);
    assertThat(scheduled.json().getString("error")).isEqualTo("jam_not_ended");
    assertThat(scheduled.header("Cache-Control")).isEqualTo("no-store");
    host("/start", null);
    assertThat(recap(jam.getString("slug")).json().getString("error")).isEqualTo("jam_not_ended");
  }

  @Test
  void anUnknownJamAnswers404() {
    for (String ref : new String[] {"no-such-jam", "999999", "x".repeat(161), "%27%3B--"}) {
      Http.Response r = recap(ref);
      assertThat(r.status()).as(ref).isEqualTo(404);
      assertThat(r.json().getString("error")).isEqualTo("not_found");
    }
  }

  @Test
  void aNightWithoutVotesHasAnEmptyChart() {
    host("/end", null);
    JsonObject recap = recap(jam.getString("slug")).json();
    assertThat(recap.getJsonObject("activity").getJsonArray("buckets")).isEmpty();
    assertThat(recap.getJsonArray("setlist")).isEmpty();
    assertThat(recap.getJsonArray("mostVoted")).isEmpty();
    assertThat(recap.getJsonObject("numbers").getInteger("people")).isEqualTo(4);
  }
}

package io.jamanager.lineup;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Band builder: a song's bass slot wanted by three people. Ana has already played a song tonight; Ben and
 * Cy have not. Ana signs up first, then Ben, then Cy.
 */
class LineupTest extends ServerTest {

  private String host;
  private JsonObject jam;
  private String ana;
  private String ben;
  private String cy;
  private long anaId;
  private long benId;
  private long cyId;
  private long song;

  @BeforeEach
  void anaHasPlayedAndThreeWantTheBassSlot() {
    host = api.hostToken();
    jam = api.createJam(host, "Band builder");
    JsonObject a = api.join(jam, "Ana", "bass", "guitar");
    JsonObject b = api.join(jam, "Ben", "bass");
    JsonObject c = api.join(jam, "Cy", "bass");
    ana = a.getString("token");
    ben = b.getString("token");
    cy = c.getString("token");
    anaId = a.getJsonObject("attendee").getLong("id");
    benId = b.getJsonObject("attendee").getLong("id");
    cyId = c.getJsonObject("attendee").getLong("id");

    long warmUp = api.suggest(jam, host, "Warm-up", "Band").getLong("id");
    assertThat(signUp(warmUp, ana, "guitar").status()).isEqualTo(201);
    assertThat(http.post(Api.jamPath(jam) + "/now-playing", new JsonObject().put("itemId", warmUp), host).status()).isEqualTo(200);
    assertThat(http.post(Api.jamPath(jam) + "/next", null, host).status()).isEqualTo(200);

    song = api.suggest(jam, host, "Superstition", "Stevie Wonder").getLong("id");
    Http.Response slots = http.patch(Api.queue(jam) + "/" + song, new JsonObject().put("openSlots", new JsonArray().add("bass")), host);
    assertThat(slots.status()).as(slots.body()).isEqualTo(200);
  }

  @Test
  void theFirstToSignUpTakesTheFreeSlotAndTheOthersGoToTheBench() {
    assertThat(stateOf(signUp(song, ana, "bass").json(), anaId)).isEqualTo("in");
    Http.Response second = signUp(song, ben, "bass");
    assertThat(second.status()).isEqualTo(201);
    assertThat(stateOf(second.json(), benId)).isEqualTo("bench");
    assertThat(stateOf(second.json(), anaId)).isEqualTo("in");

    JsonObject item = queueItem(api.snapshot(jam, ben), song);
    assertThat(stateOf(item, benId)).isEqualTo("bench");
    assertThat(item.getBoolean("lineupConfirmed")).isFalse();
  }

  @Test
  void anInstrumentWithoutASlotHasNoLimit() {
    assertThat(stateOf(signUp(song, ana, "guitar").json(), anaId, "guitar")).isEqualTo("in");
    assertThat(stateOf(signUp(song, ben, "guitar").json(), benId, "guitar")).isEqualTo("in");
  }

  @Test
  void theHostSeesVolunteersOrderedByWhoHasPlayedLeastThenWhoSignedUpFirst() {
    signUp(song, ana, "bass");
    signUp(song, ben, "bass");
    signUp(song, cy, "bass");

    Http.Response r = http.get(Api.queue(jam) + "/" + song + "/lineup", host);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonObject> volunteers = objects(r.json().getJsonArray("volunteers"));
    assertThat(volunteers).extracting(v -> v.getString("name")).containsExactly("Ben", "Cy", "Ana");
    assertThat(volunteers).extracting(v -> v.getLong("played")).containsExactly(0L, 0L, 1L);
    assertThat(volunteers).extracting(v -> v.getString("proposed")).containsExactly("in", "bench", "bench");
    assertThat(volunteers).extracting(v -> v.getString("state")).containsExactly("bench", "bench", "in");
  }

  @Test
  void confirmingGivesTheSlotToWhoHasPlayedLeastAndBenchesTheRest() {
    signUp(song, ana, "bass");
    signUp(song, ben, "bass");
    signUp(song, cy, "bass");

    Http.Response r = http.post(Api.queue(jam) + "/" + song + "/lineup/confirm", null, host);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getBoolean("lineupConfirmed")).isTrue();
    assertThat(stateOf(r.json(), benId)).isEqualTo("in");
    assertThat(stateOf(r.json(), anaId)).isEqualTo("bench");
    assertThat(stateOf(r.json(), cyId)).isEqualTo("bench");

    JsonObject item = queueItem(api.snapshot(jam, ana), song);
    assertThat(stateOf(item, anaId)).as("the snapshot says Ana is on the bench").isEqualTo("bench");
    assertThat(item.getBoolean("lineupConfirmed")).isTrue();
    JsonObject event = lastEvent();
    assertThat(event.getString("type")).isEqualTo("lineup.changed");
    assertThat(event.getJsonObject("data").getLong("itemId")).isEqualTo(song);
    assertThat(stateOf(event.getJsonObject("data"), benId)).isEqualTo("in");
  }

  @Test
  void withPreferNewPlayersOffTheFirstToSignUpKeepsTheSlot() {
    JsonObject off = http.patch(Api.jamPath(jam), new JsonObject().put("preferNewPlayers", false), host).json();
    assertThat(off.getBoolean("preferNewPlayers")).isFalse();
    assertThat(api.createJam(host, "Another").getBoolean("preferNewPlayers")).as("on by default").isTrue();
    signUp(song, ana, "bass");
    signUp(song, ben, "bass");

    Http.Response r = http.post(Api.queue(jam) + "/" + song + "/lineup/confirm", null, host);
    assertThat(stateOf(r.json(), anaId)).isEqualTo("in");
    assertThat(stateOf(r.json(), benId)).isEqualTo("bench");
  }

  @Test
  void skippingAPerformerWhoIsNotThereOffersTheSlotToTheNextForThatInstrument() {
    signUp(song, ana, "bass");
    signUp(song, ben, "bass");
    signUp(song, cy, "bass");
    http.post(Api.queue(jam) + "/" + song + "/lineup/confirm", null, host);

    Http.Response r = skip(benId);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getLong("skipped")).isEqualTo(benId);
    assertThat(objects(r.json().getJsonArray("promoted"))).extracting(p -> p.getLong("attendeeId")).containsExactly(cyId);
    assertThat(stateOf(r.json(), cyId)).as("Cy has played less than Ana").isEqualTo("in");
    assertThat(stateOf(r.json(), anaId)).isEqualTo("bench");
    assertThat(stateOf(r.json(), benId)).as("Ben is off the song").isNull();
    assertThat(lastEvent().getJsonObject("data").getLong("skipped")).isEqualTo(benId);

    assertThat(skip(benId).status()).as("no longer on the song").isEqualTo(404);
  }

  @Test
  void withdrawingFromASlotGivesItToTheFirstOnTheBench() {
    signUp(song, ana, "bass");
    signUp(song, ben, "bass");
    Http.Response r = http.delete(Api.queue(jam) + "/" + song + "/performers/bass", ana);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(stateOf(r.json(), benId)).isEqualTo("in");
  }

  @Test
  void playedCountsCountSongsByInstrumentAndOnlyForThoseWhoWereIn() {
    signUp(song, ana, "bass");
    signUp(song, ben, "bass");
    signUp(song, ana, "guitar");
    assertThat(http.post(Api.jamPath(jam) + "/now-playing", new JsonObject().put("itemId", song), host).status()).isEqualTo(200);
    assertThat(http.post(Api.jamPath(jam) + "/next", null, host).status()).isEqualTo(200);

    Http.Response r = http.get(Api.jamPath(jam) + "/played", ben);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonObject> played = objects(r.jsonArray());
    assertThat(played).extracting(p -> p.getString("name")).containsExactly("Ana");
    assertThat(played.get(0).getLong("songs")).isEqualTo(2);
    assertThat(played.get(0).getJsonObject("instruments")).isEqualTo(new JsonObject().put("bass", 1).put("guitar", 2));
  }

  @Test
  void badLineupRequestsAreClearErrors() {
    signUp(song, ana, "bass");
    assertThat(skip(987654321L).status()).isEqualTo(404);
    Http.Response noBody = http.post(Api.queue(jam) + "/" + song + "/lineup/skip", new JsonObject(), host);
    assertThat(noBody.status()).isEqualTo(400);
    assertThat(noBody.json().getString("field")).isEqualTo("attendeeId");
    assertThat(http.post(Api.queue(jam) + "/987654321/lineup/confirm", null, host).status()).isEqualTo(404);
    assertThat(http.patch(Api.jamPath(jam), new JsonObject().put("preferNewPlayers", "yes"), host).status()).isEqualTo(400);

    assertThat(http.post(Api.jamPath(jam) + "/now-playing", new JsonObject().put("itemId", song), host).status()).isEqualTo(200);
    assertThat(http.post(Api.jamPath(jam) + "/next", null, host).status()).isEqualTo(200);
    Http.Response played = http.post(Api.queue(jam) + "/" + song + "/lineup/confirm", null, host);
    assertThat(played.status()).isEqualTo(409);
    assertThat(played.json().getString("error")).isEqualTo("not_open");
  }

  private Http.Response signUp(long itemId, String token, String instrument) {
    Http.Response r = http.post(Api.queue(jam) + "/" + itemId + "/performers", new JsonObject().put("instrument", instrument), token);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r;
  }

  private Http.Response skip(long attendeeId) {
    return http.post(Api.queue(jam) + "/" + song + "/lineup/skip", new JsonObject().put("attendeeId", attendeeId), host);
  }

  /** The state of the person's bass sign-up in a {performers} answer, event or item; null when not signed up. */
  private static String stateOf(JsonObject withPerformers, long attendeeId) {
    return stateOf(withPerformers, attendeeId, "bass");
  }

  private static String stateOf(JsonObject withPerformers, long attendeeId, String instrument) {
    return objects(withPerformers.getJsonArray("performers")).stream()
      .filter(p -> p.getLong("attendeeId") == attendeeId && p.getString("instrument").equals(instrument))
      .map(p -> p.getString("state")).findFirst().orElse(null);
  }

  private static JsonObject queueItem(JsonObject snapshot, long itemId) {
    return objects(snapshot.getJsonArray("queue")).stream().filter(i -> i.getLong("id") == itemId).findFirst().orElseThrow();
  }

  private JsonObject lastEvent() {
    long seq = TestDatabase.count("select max(seq) from jam_event where jam_id = " + jam.getLong("id"));
    JsonArray events = http.get(Api.jamPath(jam) + "/events?after=" + (seq - 1), host).json().getJsonArray("events");
    return events.getJsonObject(0);
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(o -> (JsonObject) o).toList();
  }
}

package io.jamanager.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A whole night through the API: create, join, suggest, vote, sign up, play, export. */
class JamNightTest extends ServerTest {

  @Test
  void aWholeNightRunsThroughTheApi() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Friday Blues Jam");
    assertThat(jam.getString("slug")).isEqualTo("friday-blues-jam-2030-05-01");
    assertThat(jam.getString("joinCode")).matches("[A-Z2-9]{6}");
    assertThat(jam.getString("joinUrl")).isEqualTo("http://localhost:" + app.port() + "/j/" + jam.getString("joinCode"));

    JsonObject ana = api.join(jam, "Ana", "vocals", "guitar");
    JsonObject ben = api.join(jam, "Ben", "drums");
    String anaToken = ana.getString("token");
    String benToken = ben.getString("token");

    JsonObject song = api.suggest(jam, anaToken, "Pride and Joy", "Stevie Ray Vaughan");
    assertThat(song.getString("status")).isEqualTo("queued");
    assertThat(song.getJsonObject("suggestedBy").getString("name")).isEqualTo("Ana");
    long itemId = song.getLong("id");

    Http.Response vote = api.vote(jam, itemId, benToken);
    assertThat(vote.status()).isEqualTo(200);
    assertThat(vote.json()).isEqualTo(new JsonObject().put("voted", true).put("votes", 1));
    assertThat(api.vote(jam, itemId, benToken).json().getInteger("votes")).as("a second vote is ignored").isEqualTo(1);

    Http.Response signUp = http.post(Api.queue(jam) + "/" + itemId + "/performers", new JsonObject().put("instrument", "guitar"), anaToken);
    assertThat(signUp.status()).as(signUp.body()).isEqualTo(201);
    assertThat(signUp.json().getJsonArray("performers").getJsonObject(0).getString("name")).isEqualTo("Ana");

    JsonObject snapshot = api.snapshot(jam, benToken);
    assertThat(snapshot.getJsonArray("queue")).hasSize(1);
    assertThat(snapshot.getLong("attendeeCount")).isEqualTo(2);
    assertThat(snapshot.getString("viewerToken")).isNotBlank();
    assertThat(snapshot.getJsonObject("me").getJsonArray("votedItemIds").getLong(0)).isEqualTo(itemId);
    assertThat(snapshot.getJsonObject("me").getInteger("suggestionsLeft")).isEqualTo(3);
    assertThat(snapshot.getJsonObject("flags").getBoolean("voting")).isTrue();
    long seqBefore = snapshot.getLong("seq");

    Http.Response playing = http.post(Api.jamPath(jam) + "/next", null, host);
    assertThat(playing.status()).as(playing.body()).isEqualTo(200);
    assertThat(playing.json().getJsonObject("nowPlaying").getLong("id")).isEqualTo(itemId);
    Http.Response done = http.post(Api.jamPath(jam) + "/next", null, host);
    assertThat(done.json().getJsonArray("items").getJsonObject(0).getString("status")).isEqualTo("played");
    assertThat(http.post(Api.jamPath(jam) + "/next", null, host).status()).isEqualTo(409);

    Http.Response events = http.get(Api.jamPath(jam) + "/events?after=" + seqBefore, benToken);
    assertThat(events.json().getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")))
      .containsExactly("nowplaying.changed", "nowplaying.changed");

    Http.Response csv = http.get(Api.jamPath(jam) + "/setlist?format=csv", host);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body()).contains("\"Pride and Joy\",\"Stevie Ray Vaughan\",,\"Ana (guitar)\",\"Ana\"");
    JsonArray setlist = http.get(Api.jamPath(jam) + "/setlist", host).json().getJsonArray("songs");
    assertThat(setlist).hasSize(1);
  }

  @Test
  void namesAreUniquePerJamIgnoringCaseAndSpacing() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Names");
    api.join(jam, "Ana Lopez");
    Http.Response again = http.post("/api/v1/jams/" + jam.getString("slug") + "/attendees", new JsonObject().put("name", " ana  lopez "));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().getString("error")).isEqualTo("name_taken");
    assertThat(again.json().getString("message")).contains("ana  lopez".strip());
  }

  @Test
  void suggestionLimitIsEnforcedByTheServer() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Limits", 2, 1);
    String ana = api.join(jam, "Ana").getString("token");
    api.suggest(jam, ana, "One", "A");
    api.suggest(jam, ana, "Two", "B");
    Http.Response third = http.post(Api.queue(jam), new JsonObject().put("title", "Three"), ana);
    assertThat(third.status()).isEqualTo(409);
    assertThat(third.json().getString("error")).isEqualTo("suggestion_limit");
    assertThat(api.snapshot(jam, ana).getJsonObject("me").getInteger("suggestionsLeft")).isZero();
  }

  @Test
  void theSameSongCannotBeQueuedTwice() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Dupes");
    String ana = api.join(jam, "Ana").getString("token");
    api.suggest(jam, ana, "Little Wing", "Hendrix");
    Http.Response dup = http.post(Api.queue(jam), new JsonObject().put("title", "little wing").put("artist", "HENDRIX"), host);
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().getString("error")).isEqualTo("already_queued");
  }

  @Test
  void lockedVotingIsRefusedWithAClearMessage() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Locked");
    String ana = api.join(jam, "Ana").getString("token");
    long item = api.suggest(jam, ana, "Song", "X").getLong("id");
    assertThat(http.patch(Api.jamPath(jam), new JsonObject().put("votingOpen", false), host).status()).isEqualTo(200);
    Http.Response vote = api.vote(jam, item, ana);
    assertThat(vote.status()).isEqualTo(403);
    assertThat(vote.json().getString("error")).isEqualTo("voting_closed");
  }

  @Test
  void removedAttendeeLosesAccessAtOnceAndTheirVotesGo() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Removal");
    JsonObject ana = api.join(jam, "Ana");
    String ben = api.join(jam, "Ben").getString("token");
    long item = api.suggest(jam, ben, "Song", "X").getLong("id");
    api.vote(jam, item, ana.getString("token"));
    long anaId = ana.getJsonObject("attendee").getLong("id");

    assertThat(http.delete(Api.jamPath(jam) + "/attendees/" + anaId + "?ban=true", host).status()).isEqualTo(204);
    Http.Response after = api.vote(jam, item, ana.getString("token"));
    assertThat(after.status()).isEqualTo(403);
    assertThat(after.json().getString("error")).isEqualTo("banned");
    assertThat(api.snapshot(jam, ben).getJsonArray("queue").getJsonObject(0).getInteger("votes")).isZero();
  }

  @Test
  void qrCodesEncodeTheJoinUrl() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "QR");
    Http.Response svg = http.get(Api.jamPath(jam) + "/qr.svg");
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.header("Content-Type")).isEqualTo("image/svg+xml");
    assertThat(svg.body()).startsWith("<svg").contains("<path");
    Http.Response png = http.get(Api.jamPath(jam) + "/qr.png");
    assertThat(png.status()).isEqualTo(200);
    assertThat(png.header("Content-Type")).isEqualTo("image/png");
  }

  @Test
  void stageLinkCarriesAReadOnlyToken() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Stage");
    Http.Response link = http.post(Api.jamPath(jam) + "/stage-link", null, host);
    assertThat(link.status()).isEqualTo(200);
    assertThat(link.json().getString("url")).startsWith("http://localhost:" + app.port() + "/jams/stage-2030-05-01/stage#token=");
    String stage = link.json().getString("token");
    assertThat(http.get(Api.jamPath(jam) + "/events?after=0", stage).status()).isEqualTo(200);
    assertThat(http.post(Api.queue(jam), new JsonObject().put("title", "x"), stage).status()).isEqualTo(403);
  }

  @Test
  void badInputNamesTheField() {
    String host = api.hostToken();
    Http.Response r = http.post("/api/v1/jams", new JsonObject().put("name", "X").put("startsAt", "next friday"), host);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("field")).isEqualTo("startsAt");
    Http.Response ctrl = http.post("/api/v1/jams", new JsonObject().put("name", "bad\u0007name").put("startsAt", "2030-01-01T20:00:00Z"), host);
    assertThat(ctrl.status()).isEqualTo(400);
    assertThat(ctrl.json().getString("field")).isEqualTo("name");
    Http.Response notJson = http.send(http.request("/api/v1/jams").header("Authorization", "Bearer " + host)
      .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("hi")).build());
    assertThat(notJson.status()).isEqualTo(415);
    Http.Response broken = http.post("/api/v1/jams", "{\"name\":", host);
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().getString("error")).isEqualTo("invalid_json");
  }

  @Test
  void theHostPlacesSeveralSongsInOneMove() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Order");
    String ana = api.join(jam, "Ana").getString("token");
    long first = api.suggest(jam, ana, "First", "A").getLong("id");
    long second = api.suggest(jam, ana, "Second", "B").getLong("id");
    long third = api.suggest(jam, host, "Third", "C").getLong("id");
    long seq = api.snapshot(jam, ana).getLong("seq");

    JsonArray moves = new JsonArray().add(new JsonObject().put("id", third).put("position", 10))
      .add(new JsonObject().put("id", first).put("position", 20));
    Http.Response r = http.send("PUT", Api.queue(jam) + "/order", new JsonObject().put("items", moves), host);
    assertThat(r.status()).as(r.body()).isEqualTo(200);

    JsonArray queue = api.snapshot(jam, ana).getJsonArray("queue");
    assertThat(queue.stream().map(i -> ((JsonObject) i).getLong("id"))).containsExactly(third, first, second);
    JsonArray events = http.get(Api.jamPath(jam) + "/events?after=" + seq, ana).json().getJsonArray("events");
    assertThat(events).hasSize(1);
    assertThat(events.getJsonObject(0).getString("type")).isEqualTo("queue.reordered");

    http.post(Api.jamPath(jam) + "/next", null, host);
    Http.Response stale = http.send("PUT", Api.queue(jam) + "/order",
      new JsonObject().put("items", new JsonArray().add(new JsonObject().put("id", third).put("position", 5))
        .add(new JsonObject().put("id", second).put("position", 6))), host);
    assertThat(stale.status()).as("the first is playing now: nothing may change").isEqualTo(409);
    assertThat(api.snapshot(jam, ana).getJsonArray("queue").stream()
      .filter(i -> ((JsonObject) i).getLong("id") == second).findFirst().map(i -> ((JsonObject) i).getBoolean("pinned")))
      .contains(false);
  }
}

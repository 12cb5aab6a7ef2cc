package io.jamanager.cohost;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.BridgeClient;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.jamanager.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Co-host links: created, redeemed, revoked and expired; what a co-host token may do, and what the audit says. */
class CoHostTest extends ServerTest {

  private static Vertx clientVertx;
  private String host;
  private JsonObject jam;
  private JsonObject other;
  private long first;
  private long second;

  @BeforeAll
  static void startClient() {
    clientVertx = Vertx.vertx();
  }

  @AfterAll
  static void stopClient() throws Exception {
    clientVertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @BeforeEach
  void aJamWithTwoSongs() {
    host = api.hostToken();
    jam = api.createJam(host, "Friday Blues");
    other = api.createJam(host, "Sunday Folk");
    String ana = api.join(jam, "Ana", "guitar").getString("token");
    first = api.suggest(jam, ana, "Superstition", "Stevie Wonder").getLong("id");
    second = api.suggest(jam, ana, "Wonderwall", "Oasis").getLong("id");
  }

  @Test
  void theHostCreatesListsAndRevokesALinkWhoseCodeIsStoredOnlyAsAHash() throws Exception {
    JsonObject created = api.cohostLink(host, jam, "Sam (sound)");
    JsonObject link = created.getJsonObject("link");
    assertThat(link.getString("name")).isEqualTo("Sam (sound)");
    assertThat(link.getString("status")).isEqualTo("active");
    assertThat(link.getLong("jamId")).isEqualTo(jam.getLong("id"));
    assertThat(Duration.between(Instant.now(), Instant.parse(link.getString("expiresAt"))).toMinutes())
      .as("12 hours by default").isBetween(11 * 60L + 58, 12 * 60L);
    assertThat(created.getString("url")).matches("http://.+/cohost#code=[A-Za-z0-9_-]{43}");
    assertThat(created.getString("qrSvg")).contains("<svg");
    String code = Api.codeOf(created);
    assertThat(rowsHolding(code)).as("the code itself is never stored").isZero();

    JsonObject redeemed = api.redeem(code);
    assertThat(redeemed.getString("role")).isEqualTo("cohost");
    assertThat(redeemed.getLong("jamId")).isEqualTo(jam.getLong("id"));
    assertThat(redeemed.getString("slug")).isEqualTo(jam.getString("slug"));
    assertThat(redeemed.getJsonObject("cohost")).isEqualTo(new JsonObject().put("id", link.getLong("id")).put("name", "Sam (sound)"));
    assertThat(api.redeem(code).getString("token")).as("a second device of the same person").isNotBlank();

    JsonArray listed = http.get(links(jam), host).jsonArray();
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("redeemedAt")).isNotNull();

    assertThat(http.delete(links(jam) + "/" + link.getLong("id"), host).status()).isEqualTo(204);
    assertThat(http.delete(links(jam) + "/" + link.getLong("id"), host).status()).as("revoking again is fine").isEqualTo(204);
    assertThat(http.get(links(jam), host).jsonArray().getJsonObject(0).getString("status")).isEqualTo("revoked");
    assertError(redeem(code), 410, "cohost_link_revoked");
    assertError(http.delete(links(other) + "/" + link.getLong("id"), host), 404, "not_found");
  }

  @Test
  void anExpiredLinkAnswers410AndItsTokensStopAtOnce() throws Exception {
    JsonObject created = http.post(links(jam), new JsonObject().put("name", "Kim").put("expiresInHours", 1), host).json();
    String token = api.redeem(Api.codeOf(created)).getString("token");
    assertThat(reorder(jam, token).status()).isEqualTo(200);

    try (Connection c = TestDatabase.connect();
         PreparedStatement s = c.prepareStatement("update cohost_link set expires_at = now() - interval '1 second' where id = ?")) {
      s.setLong(1, created.getJsonObject("link").getLong("id"));
      s.executeUpdate();
    }

    assertError(redeem(Api.codeOf(created)), 410, "cohost_link_expired");
    assertError(reorder(jam, token), 401, "cohost_revoked");
    assertThat(http.get(links(jam), host).jsonArray().getJsonObject(0).getString("status")).isEqualTo("expired");
  }

  @Test
  void badInputAnswersClearErrorsNeverA500() {
    assertError(http.post(links(jam), new JsonObject(), host), 400, "invalid_field");
    assertThat(http.post(links(jam), new JsonObject(), host).json().getString("field")).isEqualTo("name");
    assertThat(http.post(links(jam), new JsonObject().put("name", "x".repeat(41)), host).status()).isEqualTo(400);
    for (Object hours : new Object[] {0, 169, "12", 1.5}) {
      Http.Response r = http.post(links(jam), new JsonObject().put("name", "Sam").put("expiresInHours", hours), host);
      assertError(r, 400, "invalid_field");
      assertThat(r.json().getString("field")).isEqualTo("expiresInHours");
    }
    assertError(http.post("/api/v1/jams/987654/cohosts", new JsonObject().put("name", "Sam"), host), 404, "not_found");
    assertError(http.get("/api/v1/jams/987654/cohosts", host), 404, "not_found");
    assertError(http.delete(links(jam) + "/abc", host), 404, "not_found");
    assertError(http.delete(links(jam) + "/987654", host), 404, "not_found");
    assertError(http.post("/api/v1/cohost/redeem", new JsonObject()), 400, "invalid_field");
    assertError(http.post("/api/v1/cohost/redeem", new JsonObject().put("code", 42)), 400, "invalid_field");
    assertError(redeem("not-a-real-code"), 404, "not_found");

    assertThat(http.post(Api.jamPath(jam) + "/end", null, host).status()).isEqualTo(200);
    assertError(http.post(links(jam), new JsonObject().put("name", "Sam"), host), 409, "jam_ended");
  }

  @Test
  void aCoHostRunsItsJamsQueueAndNowPlaying() {
    String cohost = cohostToken(jam, "Sam");
    Http.Response moved = reorder(jam, cohost);
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(api.snapshot(jam, null).getJsonArray("queue").getJsonObject(0).getLong("id")).isEqualTo(second);

    Http.Response playing = http.post(Api.jamPath(jam) + "/now-playing", new JsonObject().put("itemId", first), cohost);
    assertThat(playing.status()).as(playing.body()).isEqualTo(200);
    assertThat(playing.json().getJsonObject("nowPlaying").getLong("id")).isEqualTo(first);
    assertThat(http.post(Api.jamPath(jam) + "/next", null, cohost).status()).isEqualTo(200);
    assertThat(http.post(Api.jamPath(jam) + "/skip", null, cohost).status()).isEqualTo(200);
    assertThat(http.patch(Api.queue(jam) + "/" + first, new JsonObject().put("key", "Em"), cohost).status()).isEqualTo(200);
    assertThat(http.post(Api.queue(jam), new JsonObject().put("title", "Hallelujah").put("artist", "Cohen"), cohost).status())
      .isEqualTo(201);
    assertThat(http.get(Api.queue(jam) + "/pending", cohost).status()).isEqualTo(200);
    assertThat(http.get(Api.jamPath(jam) + "/events?after=0", cohost).status()).isEqualTo(200);
  }

  @Test
  void aCoHostIsRefusedOtherJamsFlagsKeysAndAdminRoutes() {
    String cohost = cohostToken(jam, "Sam");
    long otherItem = http.post(Api.queue(other), new JsonObject().put("title", "Elsewhere"), host).json().getLong("id");

    assertError(reorder(other, cohost), 403, "wrong_jam");
    assertError(http.post(Api.jamPath(other) + "/now-playing", new JsonObject().put("itemId", otherItem), cohost), 403, "wrong_jam");
    assertError(http.post(Api.jamPath(other) + "/next", null, cohost), 403, "wrong_jam");
    assertError(http.delete(Api.queue(other) + "/" + otherItem, cohost), 403, "wrong_jam");
    assertError(http.get(Api.jamPath(other) + "/events?after=0", cohost), 403, "wrong_jam");
    assertError(http.send("PUT", "/api/v1/flags/voting", new JsonObject().put("enabled", false), cohost), 403, "host_only");
    assertError(http.post("/api/v1/jams", new JsonObject().put("name", "Mine").put("startsAt", "2030-01-01T20:00:00Z"), cohost),
      403, "host_only");
    assertError(http.get("/api/v1/jams?all=true", cohost), 403, "host_only");
    assertError(http.patch(Api.jamPath(jam), new JsonObject().put("capo", 2), cohost), 403, "host_only");
    assertError(http.post(Api.jamPath(jam) + "/end", null, cohost), 403, "host_only");
    assertError(http.delete(Api.jamPath(jam), cohost), 403, "host_only");
    assertError(http.post(Api.jamPath(jam) + "/stage-link", null, cohost), 403, "host_only");
    assertError(http.post(links(jam), new JsonObject().put("name", "Friend"), cohost), 403, "host_only");
    assertError(http.get(links(jam), cohost), 403, "host_only");
    assertError(http.get(Api.jamPath(jam) + "/attendees", cohost), 403, "host_only");
    assertError(http.get("/api/v1/audit", cohost), 403, "host_only");
    assertError(http.post("/api/v1/auth/logout-all", null, cohost), 403, "host_only");
    assertError(http.post("/api/v1/songs", new JsonObject().put("title", "Mine"), cohost), 403, "host_only");
    assertError(http.post("/api/v1/venues", new JsonObject().put("name", "Mine"), cohost), 403, "host_only");
    assertError(http.post(Api.queue(jam) + "/" + first + "/vote", null, cohost), 403, "attendees_only");
  }

  @Test
  void aRevokedCoHostTokenIsRefusedOverHttpAndOnTheBridge() throws Exception {
    JsonObject created = api.cohostLink(host, jam, "Sam");
    String cohost = api.redeem(Api.codeOf(created)).getString("token");
    assertThat(reorder(jam, cohost).status()).isEqualTo(200);

    assertThat(http.delete(links(jam) + "/" + created.getJsonObject("link").getLong("id"), host).status()).isEqualTo(204);

    assertError(reorder(jam, cohost), 401, "cohost_revoked");
    assertError(http.post(Api.jamPath(jam) + "/next", null, cohost), 401, "cohost_revoked");
    assertError(http.get(Api.jamPath(jam) + "/events?after=0", cohost), 401, "cohost_revoked");
    assertRegisterRefused("jam." + jam.getLong("id"), cohost);
    assertRegisterRefused("jam." + jam.getLong("id") + ".host", cohost);
  }

  @Test
  void aCoHostFollowsTheHostConsoleOfItsOwnJamOnly() throws Exception {
    String cohost = cohostToken(jam, "Sam");
    assertRegisterRefused("jam." + other.getLong("id") + ".host", cohost);
    assertRegisterRefused("jam." + other.getLong("id"), cohost);

    try (BridgeClient client = BridgeClient.connect(clientVertx, app.port())) {
      client.register("jam." + jam.getLong("id") + ".host", cohost);
      // The bridge does not acknowledge a REGISTER; give its token check a moment to finish.
      Thread.sleep(200);
      api.join(jam, "Ben", "bass");
      JsonObject joined = client.nextEvent(1000);
      assertThat(joined).as("no host notice within 1 s").isNotNull();
      assertThat(joined.getString("type")).isEqualTo("attendee.joined");
      assertThat(joined.getJsonObject("data").getJsonObject("attendee").getString("name")).isEqualTo("Ben");
    }
  }

  @Test
  void revokingALinkStopsTheLiveStreamItsTokenWasFollowing() throws Exception {
    JsonObject created = api.cohostLink(host, jam, "Sam");
    String cohost = api.redeem(Api.codeOf(created)).getString("token");
    try (BridgeClient client = BridgeClient.connect(clientVertx, app.port())) {
      client.register("jam." + jam.getLong("id"), cohost);
      Thread.sleep(200);
      assertThat(reorder(jam, host).status()).isEqualTo(200);
      assertThat(client.nextEvent(1000).getString("type")).isEqualTo("queue.reordered");

      assertThat(http.delete(links(jam) + "/" + created.getJsonObject("link").getLong("id"), host).status()).isEqualTo(204);
      Thread.sleep(200);
      assertThat(reorder(jam, host).status()).isEqualTo(200);
      assertThat(client.nextEvent(1000)).as("the revoked co-host's socket was closed").isNull();
    }
  }

  @Test
  void theAuditLogNamesTheHostOrWhichCoHostDidWhat() {
    JsonObject created = api.cohostLink(host, jam, "Sam (sound)");
    long linkId = created.getJsonObject("link").getLong("id");
    String sam = api.redeem(Api.codeOf(created)).getString("token");
    assertThat(reorder(jam, host).status()).isEqualTo(200);
    assertThat(http.post(Api.jamPath(jam) + "/now-playing", new JsonObject().put("itemId", first), sam).status()).isEqualTo(200);
    assertThat(http.delete(links(jam) + "/" + linkId, host).status()).isEqualTo(204);

    JsonArray entries = http.get("/api/v1/audit?jamId=" + jam.getLong("id"), host).jsonArray();
    JsonObject played = find(entries, "nowplaying.played");
    assertThat(played.getString("actor")).startsWith("cohost:" + linkId + "@");
    assertThat(played.getJsonObject("cohost")).isEqualTo(new JsonObject().put("id", linkId).put("name", "Sam (sound)"));
    JsonObject redeemed = find(entries, "cohost.redeem");
    assertThat(redeemed.getJsonObject("cohost").getLong("id")).isEqualTo(linkId);
    for (String byHost : new String[] {"queue.reorder", "cohost.create", "cohost.revoke"}) {
      JsonObject entry = find(entries, byHost);
      assertThat(entry.getString("actor")).as(byHost).startsWith("host@");
      assertThat(entry.getValue("cohost")).as(byHost).isNull();
    }
    assertThat(find(entries, "cohost.create").getJsonObject("details").getString("name")).isEqualTo("Sam (sound)");
  }

  private static long rowsHolding(String code) throws Exception {
    try (Connection c = TestDatabase.connect();
         PreparedStatement s = c.prepareStatement("select count(*) from cohost_link l where strpos(l::text, ?) > 0")) {
      s.setString(1, code);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private String cohostToken(JsonObject target, String name) {
    return api.redeem(Api.codeOf(api.cohostLink(host, target, name))).getString("token");
  }

  /** Moves the jam's last waiting song to the top. */
  private Http.Response reorder(JsonObject target, String token) {
    JsonArray queue = api.snapshot(target, null).getJsonArray("queue");
    long last = queue.getJsonObject(queue.size() - 1).getLong("id");
    return http.send("PUT", Api.queue(target) + "/order",
      new JsonObject().put("items", new JsonArray().add(new JsonObject().put("id", last).put("position", -10))), token);
  }

  private static Http.Response redeem(String code) {
    return http.post("/api/v1/cohost/redeem", new JsonObject().put("code", code));
  }

  private static String links(JsonObject target) {
    return Api.jamPath(target) + "/cohosts";
  }

  private static JsonObject find(JsonArray entries, String action) {
    return entries.stream().map(e -> (JsonObject) e).filter(e -> action.equals(e.getString("action"))).findFirst()
      .orElseThrow(() -> new AssertionError("no " + action + " in " + entries.encodePrettily()));
  }

  private static void assertError(Http.Response r, int status, String error) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().getInteger("status")).isEqualTo(status);
    assertThat(r.json().getString("error")).as(r.body()).isEqualTo(error);
  }

  private static void assertRegisterRefused(String address, String token) throws Exception {
    try (BridgeClient client = BridgeClient.connect(clientVertx, app.port())) {
      client.register(address, token);
      JsonObject answer = client.nextEvent(1000);
      assertThat(answer).as(address).isNotNull();
      assertThat(answer.getString("type")).isEqualTo("err");
      assertThat(answer.getString("body")).isEqualTo("rejected");
    }
  }
}

package io.jamanager.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.BridgeClient;
import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.jamanager.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BridgeTest {

  private static TestApp app;
  private static Api api;
  private static Http http;
  private static Vertx clientVertx;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    http = new Http(app.port());
    api = new Api(http);
    clientVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    clientVertx.close().toCompletionStage().toCompletableFuture().get();
    app.close();
  }

  @BeforeEach
  void reset() {
    TestDatabase.reset();
  }

  @Test
  void aVoteReachesASubscribedClientWithinOneSecond() throws Exception {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Live");
    String ana = api.join(jam, "Ana").getString("token");
    long item = api.suggest(jam, ana, "Song", "X").getLong("id");
    String viewer = api.snapshot(jam, null).getString("viewerToken");

    try (BridgeClient client = BridgeClient.connect(clientVertx, app.port())) {
      client.register("jam." + jam.getLong("id"), viewer);
      // The bridge does not acknowledge a REGISTER; give its token check a moment to finish.
      Thread.sleep(200);
      long sent = System.nanoTime();
      assertThat(api.vote(jam, item, ana).status()).isEqualTo(200);
      JsonObject event = client.nextEvent(1000);
      long ms = (System.nanoTime() - sent) / 1_000_000;
      assertThat(event).as("no event within 1 s").isNotNull();
      assertThat(event.getString("type")).isEqualTo("vote.changed");
      assertThat(event.getJsonObject("data")).isEqualTo(new JsonObject().put("itemId", item).put("votes", 1));
      assertThat(event.getLong("seq")).isPositive();
      assertThat(ms).isLessThan(1000);
    }
  }

  @Test
  void registerWithoutTokenOrForAnotherJamOrHostAddressIsRefused() throws Exception {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Mine");
    JsonObject other = api.createJam(host, "Other");
    String ana = api.join(jam, "Ana").getString("token");
    String otherViewer = api.snapshot(other, null).getString("viewerToken");
    long jamId = jam.getLong("id");

    assertRefused("jam." + jamId, null);
    assertRefused("jam." + jamId, otherViewer);
    assertRefused("jam." + jamId, "not-a-jwt");
    assertRefused("jam." + jamId + ".host", ana);
    assertRefused("somewhere.else", host);

    try (BridgeClient hostClient = BridgeClient.connect(clientVertx, app.port())) {
      hostClient.register("jam." + jamId + ".host", host);
      // The bridge does not acknowledge a REGISTER; give its token check a moment to finish.
      Thread.sleep(200);
      api.join(jam, "Ben");
      JsonObject joined = hostClient.nextEvent(1000);
      assertThat(joined.getString("type")).isEqualTo("attendee.joined");
    }
  }

  @Test
  void clientsCannotSendOrPublish() throws Exception {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Quiet");
    try (BridgeClient client = BridgeClient.connect(clientVertx, app.port())) {
      client.send("send", "jam." + jam.getLong("id"), new JsonObject().put("type", "vote.changed"));
      assertThat(client.nextEvent(1000)).isEqualTo(new JsonObject().put("type", "err").put("body", "rejected"));
      client.send("publish", "jam." + jam.getLong("id"), new JsonObject());
      assertThat(client.nextEvent(1000).getString("body")).isEqualTo("rejected");
    }
  }

  @Test
  void manyClientsOfOneJamEachGetEveryEventOnceInOrderAndUnregisterStopsIt() throws Exception {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Crowd");
    String ana = api.join(jam, "Ana").getString("token");
    long item = api.suggest(jam, ana, "Song", "X").getLong("id");
    String viewer = api.snapshot(jam, null).getString("viewerToken");
    String address = "jam." + jam.getLong("id");
    List<BridgeClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        BridgeClient client = BridgeClient.connect(clientVertx, app.port());
        client.register(address, viewer);
        clients.add(client);
      }
      Thread.sleep(300);
      assertThat(api.vote(jam, item, ana).status()).isEqualTo(200);
      assertThat(http.delete(Api.queue(jam) + "/" + item + "/vote", ana).status()).isEqualTo(200);
      for (BridgeClient client : clients) {
        JsonObject first = client.nextEvent(1000);
        JsonObject second = client.nextEvent(1000);
        assertThat(first.getJsonObject("data").getInteger("votes")).isEqualTo(1);
        assertThat(second.getJsonObject("data").getInteger("votes")).isZero();
        assertThat(second.getLong("seq")).isEqualTo(first.getLong("seq") + 1);
      }
      BridgeClient leaving = clients.get(0);
      leaving.send("unregister", address, null);
      Thread.sleep(200);
      assertThat(api.vote(jam, item, ana).status()).isEqualTo(200);
      for (BridgeClient client : clients.subList(1, clients.size())) {
        assertThat(client.nextEvent(1000).getJsonObject("data").getInteger("votes")).isEqualTo(1);
        assertThat(client.nextEvent(20)).as("each event once").isNull();
      }
      assertThat(leaving.nextEvent(100)).as("no event after unregister").isNull();
    } finally {
      clients.forEach(BridgeClient::close);
    }
  }

  @Test
  void pingsGetNoAnswerAndMalformedFramesGetTheStockErrors() throws Exception {
    try (BridgeClient client = BridgeClient.connect(clientVertx, app.port())) {
      client.raw("{\"type\":\"ping\"}");
      // As from the stock bridge: the official client has no handler for an answer and would log one.
      assertThat(client.next(500)).isNull();
      client.raw("not json");
      assertThat(client.next(1000)).isEqualTo(new JsonObject().put("type", "err").put("body", "invalid_json"));
      client.raw("{\"address\":\"jam.1\"}");
      assertThat(client.next(1000)).isEqualTo(new JsonObject().put("type", "err").put("body", "missing_type"));
      client.raw("{\"type\":\"shout\"}");
      assertThat(client.next(1000)).isEqualTo(new JsonObject().put("type", "err").put("body", "invalid_type"));
    }
  }

  @Test
  void aSocketListensToAtMostSixteenAddresses() throws Exception {
    try (BridgeClient client = BridgeClient.connect(clientVertx, app.port())) {
      client.register("flags", null);
      for (int i = 0; i < BridgeRoutes.MAX_REGISTRATIONS_PER_SOCKET; i++) {
        client.register("flags", null);
      }
      assertThat(client.nextEvent(500)).as("the same address again is no new registration").isNull();
      String host = api.hostToken();
      for (int i = 1; i < BridgeRoutes.MAX_REGISTRATIONS_PER_SOCKET; i++) {
        client.register("jam." + api.createJam(host, "J" + i).getLong("id"), host);
      }
      assertThat(client.nextEvent(500)).isNull();
      client.register("jam." + api.createJam(host, "One too many").getLong("id"), host);
      assertThat(client.nextEvent(1000)).isEqualTo(new JsonObject().put("type", "err").put("body", "max_handlers_reached"));
    }
  }

  private static void assertRefused(String address, String token) throws Exception {
    try (BridgeClient client = BridgeClient.connect(clientVertx, app.port())) {
      client.register(address, token);
      JsonObject answer = client.nextEvent(1000);
      assertThat(answer).as(address + " with " + token).isNotNull();
      assertThat(answer.getString("type")).isEqualTo("err");
      assertThat(answer.getString("body")).isEqualTo("rejected");
    }
  }
}

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

/** Two server instances on one database: what is written through A reaches clients of B, in order. */
class TwoInstancesTest {

  private static TestApp a;
  private static TestApp b;
  private static Api apiA;
  private static Vertx clientVertx;

  @BeforeAll
  static void start() {
    a = TestApp.start();
    b = TestApp.start();
    apiA = new Api(new Http(a.port()));
    clientVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    clientVertx.close().toCompletionStage().toCompletableFuture().get();
    a.close();
    b.close();
  }

  @BeforeEach
  void reset() {
    TestDatabase.reset();
  }

  @Test
  void aWriteThroughAReachesAClientOfB() throws Exception {
    String host = apiA.hostToken();
    JsonObject jam = apiA.createJam(host, "Cluster");
    String ana = apiA.join(jam, "Ana").getString("token");
    String viewer = apiA.snapshot(jam, null).getString("viewerToken");
    try (BridgeClient onB = BridgeClient.connect(clientVertx, b.port())) {
      onB.register("jam." + jam.getLong("id"), viewer);
      // The bridge does not acknowledge a REGISTER; give its token check a moment to finish.
      Thread.sleep(300);
      JsonObject item = apiA.suggest(jam, ana, "Song", "X");
      // Ana's join count may still be on its way to B: the suggestion is the event this test is about.
      JsonObject event = onB.nextEventOfType("queue.added", 2000);
      assertThat(event).as("the suggestion's event from A never reached B").isNotNull();
      assertThat(event.getJsonObject("data").getJsonObject("item").getLong("id")).isEqualTo(item.getLong("id"));
    }
  }

  @Test
  void bCatchesUpInOrderAfterItsListenConnectionIsKilled() throws Exception {
    String host = apiA.hostToken();
    JsonObject jam = apiA.createJam(host, "Flaky");
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tokens.add(apiA.join(jam, "P" + i).getString("token"));
    }
    long item = apiA.suggest(jam, host, "Song", "X").getLong("id");
    String viewer = apiA.snapshot(jam, null).getString("viewerToken");
    try (BridgeClient onB = BridgeClient.connect(clientVertx, b.port())) {
      onB.register("jam." + jam.getLong("id"), viewer);
      // The bridge does not acknowledge a REGISTER; give its token check a moment to finish.
      Thread.sleep(300);
      assertThat(apiA.vote(jam, item, tokens.get(0)).status()).isEqualTo(200);
      JsonObject first = onB.nextEvent(2000);
      while (first != null && !first.getString("type").equals("vote.changed")) {
        first = onB.nextEvent(2000);
      }
      assertThat(first).as("the first vote reached B").isNotNull();
      long firstSeq = first.getLong("seq");

      TestDatabase.count("select count(pg_terminate_backend(pid)) from pg_stat_activity where query ilike 'listen%'");
      for (int i = 1; i < tokens.size(); i++) {
        assertThat(apiA.vote(jam, item, tokens.get(i)).status()).isEqualTo(200);
      }

      List<Long> seqs = new ArrayList<>();
      List<Integer> votes = new ArrayList<>();
      for (int i = 1; i < tokens.size(); i++) {
        JsonObject event = onB.nextEvent(8000);
        assertThat(event).as("event " + i + " after the LISTEN connection died").isNotNull();
        seqs.add(event.getLong("seq"));
        votes.add(event.getJsonObject("data").getInteger("votes"));
      }
      assertThat(seqs).containsExactly(firstSeq + 1, firstSeq + 2, firstSeq + 3, firstSeq + 4, firstSeq + 5);
      assertThat(votes).containsExactly(2, 3, 4, 5, 6);
      assertThat(onB.nextEvent(500)).as("no duplicates").isNull();
    }
  }

  @Test
  void aFlagChangedThroughAReachesAClientOfB() throws Exception {
    String host = apiA.hostToken();
    try (BridgeClient onB = BridgeClient.connect(clientVertx, b.port())) {
      onB.register("flags", null);
      // The bridge does not acknowledge a REGISTER; give its token check a moment to finish.
      Thread.sleep(300);
      assertThat(apiA.http().send("PUT", "/api/v1/flags/voting", new JsonObject().put("enabled", false), host).status())
        .isEqualTo(200);
      JsonObject event = onB.nextEvent(3000);
      assertThat(event).as("flag change never reached B").isNotNull();
      assertThat(event.getString("type")).isEqualTo("flags.changed");
      assertThat(event.getJsonObject("data").getJsonObject("flags").getBoolean("voting")).isFalse();
    }
  }

  @Test
  void aJoinThroughAReachesTheHostConsoleOnB() throws Exception {
    String host = apiA.hostToken();
    JsonObject jam = apiA.createJam(host, "Door");
    try (BridgeClient hostOnB = BridgeClient.connect(clientVertx, b.port())) {
      hostOnB.register("jam." + jam.getLong("id") + ".host", host);
      // The bridge does not acknowledge a REGISTER; give its token check a moment to finish.
      Thread.sleep(300);
      apiA.join(jam, "Ana");
      JsonObject event = hostOnB.nextEvent(3000);
      assertThat(event).as("host event never reached B").isNotNull();
      assertThat(event.getString("type")).isEqualTo("attendee.joined");
      assertThat(event.getJsonObject("data").getJsonObject("attendee").getString("name")).isEqualTo("Ana");
    }
  }
}

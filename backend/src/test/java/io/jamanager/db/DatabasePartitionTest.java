package io.jamanager.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.jamanager.support.Api;
import io.jamanager.support.CapturedLog;
import io.jamanager.support.FreezableProxy;
import io.jamanager.support.Http;
import io.jamanager.support.StoppableDatabase;
import io.jamanager.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database stops answering without refusing anything (packets dropped): no request may hang past
 * REQUEST_TIMEOUT_SECONDS, and none may answer 408 or 500 for it; each gets 503 database_unavailable.
 */
class DatabasePartitionTest {

  private static final int REQUEST_TIMEOUT_SECONDS = 4;
  private static final int VOTERS = 8;

  private static StoppableDatabase db;
  private static FreezableProxy proxy;
  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start() {
    db = StoppableDatabase.startMigrated();
    proxy = new FreezableProxy(db.port());
    app = TestApp.start(Map.of("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:" + proxy.port() + "/postgres",
      "REQUEST_TIMEOUT_SECONDS", String.valueOf(REQUEST_TIMEOUT_SECONDS)));
    api = new Api(new Http(app.port()));
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    proxy.close();
    db.close();
  }

  @Test
  void writesToADatabaseThatStopsAnsweringGet503WithinTheRequestTimeout() throws Exception {
    JsonObject jam = api.createJam(api.hostToken(), "Partition night");
    String ben = api.join(jam, "Ben").getString("token");
    long item = api.suggest(jam, ben, "Song", "X").getLong("id");
    List<String> voters = new ArrayList<>();
    for (int i = 0; i < VOTERS; i++) {
      voters.add(api.join(jam, "Guest " + i).getString("token"));
    }

    ExecutorService pool = Executors.newFixedThreadPool(VOTERS);
    try (CapturedLog log = new CapturedLog()) {
      proxy.freeze();
      long started = System.nanoTime();
      List<Future<Http.Response>> votes = new ArrayList<>();
      for (String voter : voters) {
        votes.add(pool.submit(() -> api.vote(jam, item, voter)));
      }
      List<Http.Response> answers = new ArrayList<>();
      for (Future<Http.Response> vote : votes) {
        answers.add(vote.get());
      }
      long slowestMs = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("partition: %d votes answered %s, the last after %d ms%n", VOTERS,
        answers.stream().map(Http.Response::status).toList(), slowestMs);
      assertThat(answers).allSatisfy(r -> {
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.json().getString("error")).isEqualTo("database_unavailable");
        assertThat(r.header("Retry-After")).isEqualTo("2");
      });
      assertThat(slowestMs).isLessThan(REQUEST_TIMEOUT_SECONDS * 1000L + 1_000);

      proxy.unfreeze();
      long back = System.nanoTime();
      Http.Response accepted = api.vote(jam, item, ben);
      while (accepted.status() != 200 && System.nanoTime() - back < 5_000_000_000L) {
        Thread.sleep(50);
        accepted = api.vote(jam, item, ben);
      }
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
      assertThat((System.nanoTime() - back) / 1_000_000).isLessThan(2_000);
      assertThat(log.lines("database unreachable")).hasSize(1);
      // The stuck requests finish once packets flow again, long after their 503: that must not read as a bug.
      Thread.sleep(500);
      assertThat(log.events()).noneMatch(e -> e.getLevel() == Level.ERROR);
    } finally {
      proxy.unfreeze();
      pool.shutdownNow();
    }
  }
}

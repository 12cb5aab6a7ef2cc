package io.jamanager.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.jamanager.support.Api;
import io.jamanager.support.CapturedLog;
import io.jamanager.support.Http;
import io.jamanager.support.StoppableDatabase;
import io.jamanager.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server against a PostgreSQL that goes away and comes back: writes answer 503 with a code and Retry-After
 * in bounded time, the log says so once, and everything works again within 2 s of its return without a restart.
 */
class DatabaseOutageTest {

  /** Set -Dfaults.outageSeconds=30 to try the long outage; the default keeps the build quick. */
  private static final int OUTAGE_SECONDS = Integer.getInteger("faults.outageSeconds", 3);
  private static final long RECOVERY_BUDGET_MS = 2_000;

  private static StoppableDatabase db;
  private static TestApp app;
  private static Http http;
  private static Api api;

  @BeforeAll
  static void start() {
    db = StoppableDatabase.startMigrated();
    app = TestApp.start(Map.of("DATABASE_URL", db.url()));
    http = new Http(app.port());
    api = new Api(http);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  @Test
  void whileTheDatabaseIsStoppedWritesAnswer503AndWorkAgainWithin2sOfItsReturn() throws Exception {
    Night night = Night.open();
    try (CapturedLog log = new CapturedLog()) {
      db.stop();

      long started = System.nanoTime();
      Http.Response vote = api.vote(night.jam, night.item, night.ana);
      long voteMs = (System.nanoTime() - started) / 1_000_000;
      assertDatabaseUnavailable(vote);
      assertThat(voteMs).as("a write while the database is away is answered in bounded time").isLessThan(3_500);
      assertDatabaseUnavailable(http.post(Api.queue(night.jam),
        new JsonObject().put("title", "Tangerine").put("artist", "Led Zeppelin"), night.ana));
      for (int i = 0; i < 5; i++) {
        assertDatabaseUnavailable(api.vote(night.jam, night.item, night.ana));
      }
      assertThat(http.get("/api/v1/version").status()).as("what needs no database is still served").isEqualTo(200);
      assertThat(http.get("/health/ready").status()).isEqualTo(503);
      assertThat(metric("jamanager_database_up")).isEqualTo(0);
      System.out.printf("outage: a vote got its 503 in %d ms%n", voteMs);
      Thread.sleep(OUTAGE_SECONDS * 1000L);

      db.start();
      long back = System.nanoTime();
      Http.Response accepted = eventually(() -> api.vote(night.jam, night.item, night.ana), r -> r.status() == 200);
      long recoveredMs = (System.nanoTime() - back) / 1_000_000;
      System.out.printf("outage: writes succeed %d ms after the database is back%n", recoveredMs);
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
      assertThat(recoveredMs).isLessThan(RECOVERY_BUDGET_MS);
      assertThat(eventually(() -> http.get("/health/ready"), r -> r.status() == 200).status()).isEqualTo(200);
      eventually(() -> log.lines("live relay listening again"), lines -> !lines.isEmpty());
      long relayMs = (System.nanoTime() - back) / 1_000_000;
      System.out.printf("outage: the live relay listens again %d ms after the database is back%n", relayMs);
      assertThat(relayMs).isLessThan(RECOVERY_BUDGET_MS);
      assertThat(log.lines("live relay lost its LISTEN connection")).hasSize(1);
      assertThat(db.count("select count(*) from vote where item_id = " + night.item))
        .as("the acknowledged vote is in the database").isEqualTo(1);

      eventually(() -> log.lines("database reachable again"), lines -> !lines.isEmpty());
      assertThat(log.lines("database unreachable")).hasSize(1);
      assertThat(log.lines("database unreachable").get(0)).contains("writes answer 503 until it is back");
      assertThat(log.lines("database reachable again")).hasSize(1);
      assertThat(log.lines("database reachable again").get(0)).containsPattern("after \\d+\\.\\d s; \\d+ requests answered 503");
      assertThat(ourErrors(log)).as("a database that is away is no ERROR").isEmpty();
      assertThat(metric("jamanager_database_up")).isEqualTo(1);
      assertThat(metric("jamanager_database_fault_responses_total{error=\"database_unavailable\"}")).isGreaterThanOrEqualTo(7);
    }
  }

  @Test
  void theLiveRelayListensAgainAfterAnImmediateModeRestartAndSaysSoOnce() throws Exception {
    Night night = Night.open();
    try (CapturedLog log = new CapturedLog()) {
      db.crash();
      assertDatabaseUnavailable(api.vote(night.jam, night.item, night.ana));
      // Long enough for several reconnect attempts, which must not each be logged.
      Thread.sleep(OUTAGE_SECONDS * 1000L);

      db.start();
      long back = System.nanoTime();
      eventually(() -> log.lines("live relay listening again"), lines -> !lines.isEmpty());
      long relayMs = (System.nanoTime() - back) / 1_000_000;
      System.out.printf("crash: the live relay listens again %d ms after the database is back%n", relayMs);
      assertThat(relayMs).isLessThan(RECOVERY_BUDGET_MS);
      assertThat(log.lines("live relay lost its LISTEN connection")).hasSize(1);
      assertThat(log.lines("live relay listening again")).hasSize(1);
      assertThat(api.vote(night.jam, night.item, night.ana).status()).isEqualTo(200);
      assertThat(ourErrors(log)).isEmpty();
    }
  }

  @Test
  void aReadOnlyDatabaseRefusesWritesWith503AndKeepsServingReads() throws Exception {
    Night night = Night.open();
    try (CapturedLog log = new CapturedLog()) {
      db.execute("alter system set default_transaction_read_only = on", "select pg_reload_conf()");
      Http.Response vote = eventually(() -> api.vote(night.jam, night.item, night.ana), r -> r.status() != 200);
      assertThat(vote.status()).as(vote.body()).isEqualTo(503);
      assertThat(vote.json().getString("error")).isEqualTo("database_read_only");
      assertThat(vote.header("Retry-After")).isEqualTo("2");
      assertThat(api.vote(night.jam, night.item, night.ana).json().getString("error")).isEqualTo("database_read_only");
      assertThat(http.get("/api/v1/jams/" + night.jam.getString("slug"), night.ana).status())
        .as("reads keep working").isEqualTo(200);
      assertThat(metric("jamanager_database_writable")).isEqualTo(0);

      db.execute("set default_transaction_read_only = off", "alter system reset default_transaction_read_only",
        "select pg_reload_conf()");
      long back = System.nanoTime();
      Http.Response accepted = eventually(() -> api.vote(night.jam, night.item, night.ana), r -> r.status() == 200);
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
      assertThat((System.nanoTime() - back) / 1_000_000).isLessThan(RECOVERY_BUDGET_MS);
      assertThat(db.count("select count(*) from vote where item_id = " + night.item)).isEqualTo(1);

      eventually(() -> log.lines("database accepts writes again"), lines -> !lines.isEmpty());
      assertThat(log.lines("database refuses writes")).hasSize(1);
      assertThat(log.lines("database refuses writes").get(0)).contains("read-only transaction");
      assertThat(log.lines("database accepts writes again")).hasSize(1);
      assertThat(metric("jamanager_database_writable")).isEqualTo(1);
      assertThat(metric("jamanager_database_fault_responses_total{error=\"database_read_only\"}")).isGreaterThanOrEqualTo(2);
    }
  }

  private static void assertDatabaseUnavailable(Http.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(503);
    assertThat(r.json().getString("error")).isEqualTo("database_unavailable");
    assertThat(r.json().getInteger("status")).isEqualTo(503);
    assertThat(r.header("Retry-After")).isEqualTo("2");
  }

  /** The embedded server's own wrapper logs an ERROR when it cannot stop a crashed postmaster; that is the test's doing. */
  private static java.util.List<String> ourErrors(CapturedLog log) {
    return log.events().stream()
      .filter(e -> e.getLevel() == Level.ERROR && e.getLoggerName().startsWith("io.jamanager"))
      .map(e -> e.getFormattedMessage())
      .toList();
  }

  private static double metric(String series) {
    String text = http.get("/metrics").body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    assertThat(m.find()).as(series + " in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** Retries until the answer is acceptable or 5 s have passed, and returns the last answer. */
  private static <T> T eventually(Supplier<T> attempt, java.util.function.Predicate<T> done) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    T last = attempt.get();
    while (!done.test(last) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      last = attempt.get();
    }
    return last;
  }

  /** A jam with one suggested song and a guest, Ana, who has not voted for it yet. */
  private record Night(JsonObject jam, long item, String ana) {
    static Night open() {
      JsonObject jam = api.createJam(api.hostToken(), "Outage night");
      String ben = api.join(jam, "Ben").getString("token");
      long item = api.suggest(jam, ben, "Song", "X").getLong("id");
      return new Night(jam, item, api.join(jam, "Ana").getString("token"));
    }
  }
}

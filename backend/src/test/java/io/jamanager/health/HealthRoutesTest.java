package io.jamanager.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthRoutesTest {

  @Test
  void liveAndReadyAnswer200WithNamedChecks() throws Exception {
    try (TestApp app = TestApp.start()) {
      Http http = new Http(app.port());
      assertThat(http.get("/health/live").status()).isEqualTo(200);
      Http.Response ready = http.get("/health/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
        .containsExactlyInAnyOrder("database", "shutdown");
      assertThat(http.get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void readyTurns503WhileDraining() throws Exception {
    try (TestApp app = TestApp.start()) {
      Http http = new Http(app.port());
      app.app().readiness().beginDrain();
      Http.Response ready = http.get("/health/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).contains("draining");
      assertThat(http.get("/health/live").status()).isEqualTo(200);
    }
  }

  @Test
  void readyFollowsTheDatabaseDownAndBackUp(@TempDir Path dir) throws Exception {
    int port = TestApp.freePort();
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
    String url = "postgres://postgres:postgres@localhost:" + port + "/postgres";
    try (TestApp app = TestApp.start(Map.of("DATABASE_URL", url))) {
      Http http = new Http(app.port());
      assertThat(http.get("/health/ready").status()).isEqualTo(200);

      pg.close();
      Http.Response down = awaitStatus(http, 503);
      assertThat(down.json().getJsonArray("checks").getJsonObject(0).getString("status")).isEqualTo("DOWN");
      assertThat(http.get("/health/live").status()).isEqualTo(200);

      pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
      awaitStatus(http, 200);
    } finally {
      pg.close();
    }
  }

  private static Http.Response awaitStatus(Http http, int status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Http.Response last = null;
    Predicate<Http.Response> done = r -> r.status() == status;
    while (System.nanoTime() < deadline) {
      last = http.get("/health/ready");
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("ready never answered " + status + "; last: " + (last == null ? "none" : last.status() + " " + last.body()));
  }
}

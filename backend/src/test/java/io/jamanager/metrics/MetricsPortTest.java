package io.jamanager.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.config.AppConfig;
import io.jamanager.config.ConfigLoader;
import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsPortTest {

  private static final Map<String, String> PRODUCTION = Map.of(
    "APP_ENV", "production",
    "DATABASE_URL", "postgres://app:pw@db.internal:5432/jam",
    "JAM_MANAGER_ACCESS_CODE", "a-long-enough-access-code",
    "JWT_SECRETS", "k1:a-secret-that-is-at-least-32-bytes-long",
    "PUBLIC_URL", "https://jam.example.com");

  @Test
  void productionServesMetricsOnlyOnTheMetricsPort() throws Exception {
    int metricsPort = TestApp.freePort();
    try (TestApp app = TestApp.start(Map.of("APP_ENV", "production", "PUBLIC_URL", "http://127.0.0.1",
      "METRICS_PORT", String.valueOf(metricsPort)))) {
      Http publicPort = new Http(app.port());
      Http privatePort = new Http(metricsPort);

      assertThat(publicPort.get("/api/v1/version").status()).isEqualTo(200);
      assertThat(publicPort.get("/metrics").status()).isEqualTo(404);
      assertThat(publicPort.get("/metrics/").status()).isEqualTo(404);

      Http.Response metrics = privatePort.get("/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body())
        .contains("vertx_http_server_requests_total{")
        .contains("route=\"/api/v1/version\"")
        .contains("jvm_memory_used_bytes");
      assertThat(privatePort.get("/api/v1/version").status()).isEqualTo(404);
      assertThat(privatePort.get("/health/ready").status()).isEqualTo(404);
    }
  }

  @Test
  void productionDefaultsToPort9091AndRefusesThePublicPort() {
    AppConfig config = ConfigLoader.load(PRODUCTION);
    assertThat(config.problems()).isEmpty();
    assertThat(config.metricsPort()).isEqualTo(9091).isEqualTo(AppConfig.PRODUCTION_METRICS_PORT);
    assertThat(config.metricsOnOwnPort()).isTrue();

    Map<String, String> samePort = new HashMap<>(PRODUCTION);
    samePort.put("PORT", "8080");
    samePort.put("METRICS_PORT", "8080");
    assertThat(ConfigLoader.load(samePort).problems())
      .anySatisfy(p -> assertThat(p).startsWith("METRICS_PORT must differ from PORT in production"));
  }

  @Test
  void developmentKeepsMetricsOnTheMainPortUnlessTold() {
    AppConfig config = ConfigLoader.load(Map.of("PORT", "8181"));
    assertThat(config.metricsPort()).isEqualTo(8181);
    assertThat(config.metricsOnOwnPort()).isFalse();
    assertThat(ConfigLoader.load(Map.of("PORT", "8181", "METRICS_PORT", "9191")).metricsPort()).isEqualTo(9191);
    assertThat(ConfigLoader.load(Map.of("METRICS_PORT", "none")).problems())
      .anySatisfy(p -> assertThat(p).startsWith("METRICS_PORT must be a whole number"));
  }
}

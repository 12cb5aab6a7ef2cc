package io.jamanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpFrameTest {

  private static TestApp app;
  private static Http http;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("CORS_ORIGINS", "https://partner.example.com"));
    http = new Http(app.port());
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void hashedAssetsAreCachedForAYear() {
    Http.Response r = http.get("/assets/app-3f2a1b.js");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(r.header("Content-Type")).startsWith("text/javascript").satisfiesAnyOf(
      t -> assertThat(t).startsWith("text/javascript"), t -> assertThat(t).startsWith("application/javascript"));
  }

  @Test
  void missingAssetIsA404NotTheShell() {
    Http.Response r = http.get("/assets/gone-123.js");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().getString("error")).isEqualTo("not_found");
  }

  @Test
  void indexIsRevalidated() {
    Http.Response r = http.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(r.body()).contains("<div id=\"app\">");
  }

  @Test
  void clientSideRoutesFallBackToTheShell() {
    Http.Response r = http.get("/jams/friday-jam-2026-11-27/host");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(r.body()).contains("<div id=\"app\">");
  }

  @Test
  void jamPagesAreNoindexButTheFrontPageIsNot() {
    for (String path : new String[] {"/jams/friday-jam-2026-11-27", "/jams/friday-jam-2026-11-27/stage", "/j/ABC123", "/cohost"}) {
      Http.Response r = http.get(path);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.header("X-Robots-Tag")).as(path).isEqualTo("noindex");
    }
    assertThat(http.get("/").header("X-Robots-Tag")).isNull();
  }

  @Test
  void manifestIsServedWithItsTypeAndADaysCache() {
    Http.Response r = http.get("/manifest.webmanifest");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/manifest+json");
    assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=86400");
    assertThat(r.json().getString("start_url")).isEqualTo("/");
  }

  @Test
  void serviceWorkerIsAScriptThatIsAlwaysRevalidated() {
    Http.Response r = http.get("/sw.js");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).satisfiesAnyOf(
      t -> assertThat(t).startsWith("text/javascript"), t -> assertThat(t).startsWith("application/javascript"));
    assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
    // Its scope is its own folder, the root, so it needs no Service-Worker-Allowed.
    assertThat(r.header("Service-Worker-Allowed")).isNull();
    assertThat(r.body()).contains("addEventListener('fetch'");
  }

  @Test
  void robotsAndFaviconAreFilesWithTheirTypes() {
    Http.Response robots = http.get("/robots.txt");
    assertThat(robots.status()).isEqualTo(200);
    assertThat(robots.header("Content-Type")).startsWith("text/plain");
    assertThat(robots.header("Cache-Control")).isEqualTo("public, max-age=86400");
    assertThat(robots.body()).contains("User-agent: *").doesNotContain("<div id=\"app\">");
    Http.Response icon = http.get("/favicon.ico");
    assertThat(icon.status()).isEqualTo(200);
    assertThat(icon.header("Content-Type")).isIn("image/x-icon", "image/vnd.microsoft.icon");
    assertThat(icon.header("Cache-Control")).isEqualTo("public, max-age=86400");
  }

  @Test
  void missingFilesAre404NotTheShell() {
    for (String path : new String[] {"/site.webmanifest", "/apple-touch-icon-precomposed.png", "/jams/friday/poster.jpg"}) {
      Http.Response r = http.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain("<div id=\"app\">");
    }
  }

  @Test
  void unknownApiPathsAnswerJson404() {
    for (String path : new String[] {"/api/v1/nope", "/api/v2/jams", "/api"}) {
      Http.Response r = http.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.json().fieldNames()).containsExactlyInAnyOrder("status", "error", "message");
      assertThat(r.json().getInteger("status")).isEqualTo(404);
    }
  }

  @Test
  void wrongMethodIsAJson405() {
    Http.Response r = http.post("/api/v1/version", "{}");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.json().getString("error")).isEqualTo("method_not_allowed");
  }

  @Test
  void tooLargeJsonBodyIsA413() {
    String big = "{\"x\":\"" + "a".repeat((int) HttpVerticle.JSON_BODY_LIMIT) + "\"}";
    Http.Response r = http.post("/api/v1/version", big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().getString("error")).isEqualTo("payload_too_large");
  }

  @Test
  void versionIsServed() {
    Http.Response r = http.get("/api/v1/version");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("version")).isNotBlank();
  }

  @Test
  void requestIdIsHonouredOrGenerated() {
    assertThat(http.get("/api/v1/version", "X-Request-Id", "abc-123").header("X-Request-Id")).isEqualTo("abc-123");
    String generated = http.get("/api/v1/version", "X-Request-Id", "bad id <script>").header("X-Request-Id");
    assertThat(generated).matches("[0-9a-f-]{36}");
  }

  @Test
  void baselineSecurityHeadersAreOnEveryAnswer() {
    for (String path : new String[] {"/", "/api/v1/version", "/api/v1/nope", "/health/live"}) {
      Http.Response r = http.get(path);
      assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
      assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      String csp = r.header("Content-Security-Policy");
      assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-eval");
      assertThat(csp.replace("style-src 'self' 'unsafe-inline'", "")).doesNotContain("unsafe-inline");
    }
  }

  @Test
  void responsesAreCompressedWhenAsked() {
    HttpRequest request = http.request("/").header("Accept-Encoding", "gzip").GET().build();
    assertThat(http.send(request).header("Content-Encoding")).isEqualTo("gzip");
  }

  @Test
  void metricsExposeRouteLatencyHistogramsAndJvm() {
    http.get("/api/v1/version");
    Http.Response r = http.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
      .contains("vertx_http_server_response_time_seconds_bucket{")
      .contains("le=\"0.05\"")
      .contains("route=\"/api/v1/version\"")
      .contains("jvm_memory_used_bytes")
      .contains("vertx_pool_");
  }

  @Test
  void corsAllowsOnlyListedOrigins() {
    HttpRequest allowed = http.request("/api/v1/version").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
      .header("Origin", "https://partner.example.com").header("Access-Control-Request-Method", "POST").build();
    Http.Response ok = http.send(allowed);
    assertThat(ok.status()).isIn(200, 204);
    assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://partner.example.com");

    Http.Response other = http.get("/api/v1/version", "Origin", "https://evil.example.com");
    assertThat(other.header("Access-Control-Allow-Origin")).isNull();
  }
}

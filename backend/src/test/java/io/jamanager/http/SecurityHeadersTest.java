package io.jamanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  private static TestApp app;
  private static Http http;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("STAGE_FRAME_ANCESTORS", "https://venue.example.com", "REQUEST_TIMEOUT_SECONDS", "1",
      "CORS_ORIGINS", "https://partner.example.com"));
    http = new Http(app.port());
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void strictTransportSecurityOnlyWhenServedOverHttps() {
    assertThat(http.get("/").header("Strict-Transport-Security")).isNull();
    assertThat(http.get("/", "X-Forwarded-Proto", "https").header("Strict-Transport-Security"))
      .isEqualTo("max-age=31536000; includeSubDomains");
  }

  @Test
  void permissionsPolicyDeniesDeviceAccess() {
    assertThat(http.get("/").header("Permissions-Policy")).contains("camera=()", "microphone=()", "geolocation=()");
  }

  @Test
  void onlyTheStageScreenMayBeFramedAndOnlyByConfiguredOrigins() {
    Http.Response stage = http.get("/jams/friday-2030-01-01/stage");
    assertThat(stage.header("Content-Security-Policy")).contains("frame-ancestors https://venue.example.com");
    assertThat(stage.header("X-Frame-Options")).isNull();
    Http.Response attendee = http.get("/jams/friday-2030-01-01");
    assertThat(attendee.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(attendee.header("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void corsPreflightAnswersListedOriginsWithCredentialsAndRefusesOthers() {
    Http.Response ok = http.send(http.request("/api/v1/jams").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
      .header("Origin", "https://partner.example.com").header("Access-Control-Request-Method", "POST")
      .header("Access-Control-Request-Headers", "Authorization, Content-Type").build());
    assertThat(ok.status()).isIn(200, 204);
    assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://partner.example.com");
    assertThat(ok.header("Access-Control-Allow-Credentials")).isEqualTo("true");
    assertThat(ok.header("Access-Control-Allow-Methods")).contains("POST");

    Http.Response evil = http.send(http.request("/api/v1/jams").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
      .header("Origin", "https://evil.example.com").header("Access-Control-Request-Method", "POST").build());
    assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
    assertThat(evil.header("Access-Control-Allow-Credentials")).isNull();
  }

  @Test
  void aRequestWhoseBodyNeverFinishesTimesOut() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100\r\n\r\n{\"access").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
      assertThat(status).startsWith("HTTP/1.1 408");
    }
  }
}

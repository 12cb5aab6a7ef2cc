package io.jamanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.jamanager.support.TestApp;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forged, altered, expired and misused tokens are refused with 401/403, never 200. */
class TokenAttackTest extends ServerTest {

  private static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";
  private JsonObject jam;
  private long item;
  private String attendee;

  @BeforeEach
  void world() {
    TestDatabase.reset();
    String host = api.hostToken();
    jam = api.createJam(host, "Attack");
    attendee = api.join(jam, "Ana").getString("token");
    item = api.suggest(jam, attendee, "Song", "X").getLong("id");
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String sign(String header, String payload, String secret) throws Exception {
    String input = b64(header) + "." + b64(payload);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private int createJamWith(String token) {
    return http.post("/api/v1/jams", new JsonObject().put("name", "Evil").put("startsAt", "2030-01-01T20:00:00Z"), token).status();
  }

  @Test
  void algNoneIsRefused() {
    String token = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"role\":\"host\",\"sub\":\"host\",\"exp\":" + (now() + 600) + "}") + ".";
    assertThat(createJamWith(token)).isEqualTo(401);
  }

  @Test
  void tamperedPayloadIsRefused() {
    String[] parts = attendee.split("\\.");
    String forged = parts[0] + "." + b64("{\"role\":\"host\",\"sub\":\"host\",\"exp\":" + (now() + 600) + "}") + "." + parts[2];
    assertThat(createJamWith(forged)).isEqualTo(401);
  }

  @Test
  void wrongKeyIsRefused() throws Exception {
    String token = sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
      "{\"role\":\"host\",\"sub\":\"host\",\"exp\":" + (now() + 600) + "}", "another-secret-that-is-32-bytes-long!!");
    assertThat(createJamWith(token)).isEqualTo(401);
  }

  @Test
  void unknownKidIsRefused() throws Exception {
    String token = sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k9\"}",
      "{\"role\":\"host\",\"sub\":\"host\",\"exp\":" + (now() + 600) + "}", SECRET);
    assertThat(createJamWith(token)).isEqualTo(401);
  }

  @Test
  void correctlySignedTokenIsAccepted() throws Exception {
    String token = sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
      "{\"role\":\"host\",\"sub\":\"host\",\"iat\":" + now() + ",\"exp\":" + (now() + 600) + "}", SECRET);
    assertThat(createJamWith(token)).as("the forging helper itself is right").isEqualTo(201);
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    String token = sign("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}",
      "{\"role\":\"host\",\"sub\":\"host\",\"iat\":" + (now() - 7200) + ",\"exp\":" + (now() - 3600) + "}", SECRET);
    assertThat(createJamWith(token)).isEqualTo(401);
  }

  @Test
  void attendeeTokenForAnotherJamIsRefused() {
    JsonObject other = api.createJam(api.hostToken(), "Other");
    String stranger = api.join(other, "Zed").getString("token");
    assertThat(api.vote(jam, item, stranger).status()).isEqualTo(403);
  }

  @Test
  void attendeeTokenOnHostRoutesIsRefused() {
    assertThat(createJamWith(attendee)).isEqualTo(403);
    assertThat(http.post(Api.jamPath(jam) + "/next", null, attendee).status()).isEqualTo(403);
  }

  @Test
  void bannedAttendeeTokenIsRefused() {
    JsonObject ben = api.join(jam, "Ben");
    String host = api.hostToken();
    http.delete(Api.jamPath(jam) + "/attendees/" + ben.getJsonObject("attendee").getLong("id") + "?ban=true", host);
    Http.Response r = api.vote(jam, item, ben.getString("token"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("error")).isEqualTo("banned");
  }

  @Test
  void keyRotationKeepsOldTokensUntilTheKeyIsRemoved() throws Exception {
    String oldKeyToken = api.hostToken();
    String rotatedKeys = "k2:a-brand-new-secret-of-at-least-32-bytes,k1:" + SECRET;
    try (TestApp rotated = TestApp.start(Map.of("JWT_SECRETS", rotatedKeys))) {
      Http h = new Http(rotated.port());
      assertThat(h.post("/api/v1/jams", new JsonObject().put("name", "R").put("startsAt", "2030-01-01T20:00:00Z"), oldKeyToken)
        .status()).as("old token, both keys loaded").isEqualTo(201);
      String newToken = new Api(h).hostToken();
      assertThat(new String(Base64.getUrlDecoder().decode(newToken.split("\\.")[0]), StandardCharsets.UTF_8))
        .as("signed with the newest key").contains("\"kid\":\"k2\"");
    }
    try (TestApp removed = TestApp.start(Map.of("JWT_SECRETS", "k2:a-brand-new-secret-of-at-least-32-bytes"))) {
      Http h = new Http(removed.port());
      assertThat(h.post("/api/v1/jams", new JsonObject().put("name", "R").put("startsAt", "2030-01-01T20:00:00Z"), oldKeyToken)
        .status()).as("old key removed").isEqualTo(401);
    }
  }
}

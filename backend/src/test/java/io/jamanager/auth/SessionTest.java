package io.jamanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.jamanager.support.TestApp;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host sessions: a short access token plus a rotating, revocable refresh cookie. */
class SessionTest extends ServerTest {

  private static String cookieOf(Http.Response r) {
    List<String> cookies = r.headers().allValues("Set-Cookie");
    return cookies.stream().filter(c -> c.startsWith("jam_refresh=")).findFirst().orElseThrow();
  }

  private static String value(String setCookie) {
    return setCookie.substring("jam_refresh=".length(), setCookie.indexOf(';'));
  }

  private static Http.Response login() {
    return http.post("/api/v1/auth/login", "{\"accessCode\":\"" + TestApp.ACCESS_CODE + "\"}");
  }

  private static Http.Response withCookie(String path, String refresh, boolean csrfHeader) {
    HttpRequest.Builder b = http.request(path).POST(HttpRequest.BodyPublishers.noBody())
      .header("Cookie", "jam_refresh=" + refresh);
    if (csrfHeader) {
      b.header("X-Requested-With", "JaManager");
    }
    return http.send(b.build());
  }

  @Test
  void loginSetsAStrictHttpOnlySecureCookieAndAShortAccessToken() {
    Http.Response r = login();
    assertThat(r.status()).isEqualTo(200);
    String cookie = cookieOf(r);
    assertThat(cookie.toLowerCase()).contains("; httponly").contains("; secure").contains("; samesite=strict")
      .contains("; path=/api/v1/auth");
    long expiresIn = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(r.json().getString("expiresAt"))).toMinutes();
    assertThat(expiresIn).isBetween(14L, 15L);
  }

  @Test
  void refreshRotatesTheCookieAndAReusedOneRevokesTheSession() {
    String first = value(cookieOf(login()));
    Http.Response refreshed = withCookie("/api/v1/auth/refresh", first, true);
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().getString("token")).isNotBlank();
    String second = value(cookieOf(refreshed));
    assertThat(second).isNotEqualTo(first);

    Http.Response replay = withCookie("/api/v1/auth/refresh", first, true);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.json().getString("error")).isEqualTo("session_revoked");
    assertThat(withCookie("/api/v1/auth/refresh", second, true).status())
      .as("the whole family is revoked after a replay").isEqualTo(401);
  }

  @Test
  void cookieEndpointsNeedTheCsrfHeader() {
    String cookie = value(cookieOf(login()));
    Http.Response r = withCookie("/api/v1/auth/refresh", cookie, false);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("error")).isEqualTo("csrf");
    assertThat(withCookie("/api/v1/auth/refresh", cookie, true).status()).as("the cookie was not spent").isEqualTo(200);
  }

  @Test
  void logoutEndsTheSession() {
    String cookie = value(cookieOf(login()));
    Http.Response out = withCookie("/api/v1/auth/logout", cookie, true);
    assertThat(out.status()).isEqualTo(204);
    assertThat(cookieOf(out)).contains("Max-Age=0");
    assertThat(withCookie("/api/v1/auth/refresh", cookie, true).status()).isEqualTo(401);
  }

  @Test
  void logoutEverywhereEndsEverySession() {
    String one = value(cookieOf(login()));
    Http.Response two = login();
    String token = two.json().getString("token");
    Http.Response other = login();
    String otherToken = other.json().getString("token");
    assertThat(http.post("/api/v1/auth/logout-all", null, token).status()).isEqualTo(204);
    Http.Response refused = http.get("/api/v1/audit", otherToken);
    assertThat(refused.status()).as("access tokens issued before stop working at once").isEqualTo(401);
    assertThat(refused.json().getString("error")).isEqualTo("session_revoked");
    assertThat(withCookie("/api/v1/auth/refresh", one, true).status()).isEqualTo(401);
    assertThat(withCookie("/api/v1/auth/refresh", value(cookieOf(two)), true).status()).isEqualTo(401);
  }
}

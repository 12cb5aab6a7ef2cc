package io.jamanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits over real HTTP: 429 with Retry-After and the JSON error shape. */
class ThrottleTest {

  private static TestApp app;
  private static Http http;

  @BeforeAll
  static void start() {
    TestDatabase.reset();
    app = TestApp.start(Map.of("RATE_LIMIT_LOGIN", "3/min,5/hour", "RATE_LIMIT_JOIN", "2/min",
      "RATE_LIMIT_WRITE", "4/min", "TRUSTED_PROXIES", "127.0.0.1"));
    http = new Http(app.port());
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  private Http.Response login(String clientIp) {
    return http.send(http.request("/api/v1/auth/login").header("Content-Type", "application/json")
      .header("Fly-Client-IP", clientIp)
      .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"accessCode\":\"wrong\"}")).build());
  }

  @Test
  void loginsArelimitedPerClientAddress() {
    for (int i = 0; i < 3; i++) {
      assertThat(login("203.0.113.7").status()).isEqualTo(401);
    }
    Http.Response limited = login("203.0.113.7");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    assertThat(limited.json().getString("error")).isEqualTo("rate_limited");
    assertThat(limited.json().getInteger("status")).isEqualTo(429);
    assertThat(login("203.0.113.8").status()).as("another address has its own budget").isEqualTo(401);
  }

  @Test
  void joinsAreLimitedPerClientAddress() {
    Api api = new Api(http);
    JsonObject jam = api.createJam(api.hostToken(), "Joins");
    java.util.function.IntFunction<Integer> join = i -> http.send(http.request("/api/v1/jams/" + jam.getString("joinCode")
        + "/attendees").header("Content-Type", "application/json").header("Fly-Client-IP", "198.51.100.4")
      .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Guest " + i + "\"}")).build()).status();
    assertThat(join.apply(1)).isEqualTo(201);
    assertThat(join.apply(2)).isEqualTo(201);
    assertThat(join.apply(3)).isEqualTo(429);
  }

  @Test
  void everyApiCallCountsTowardsTheGeneralLimitButStaticFilesDoNot() {
    try (TestApp tight = TestApp.start(Map.of("RATE_LIMIT_GENERAL", "3/min"))) {
      Http h = new Http(tight.port());
      for (int i = 0; i < 3; i++) {
        assertThat(h.get("/api/v1/version").status()).isEqualTo(200);
      }
      Http.Response limited = h.get("/api/v1/flags");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isNotNull();
      assertThat(h.get("/").status()).as("the app shell is not an API call").isEqualTo(200);
      assertThat(h.get("/health/ready").status()).as("probes are not limited").isEqualTo(200);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void forwardedAddressesFromUntrustedPeersAreIgnored() {
    try (TestApp direct = TestApp.start(Map.of("RATE_LIMIT_LOGIN", "2/min"))) {
      Http h = new Http(direct.port());
      for (int i = 0; i < 2; i++) {
        h.send(h.request("/api/v1/auth/login").header("Content-Type", "application/json").header("Fly-Client-IP", "192.0.2." + i)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"accessCode\":\"wrong\"}")).build());
      }
      Http.Response third = h.send(h.request("/api/v1/auth/login").header("Content-Type", "application/json")
        .header("Fly-Client-IP", "192.0.2.99")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"accessCode\":\"wrong\"}")).build());
      assertThat(third.status()).as("a spoofed Fly-Client-IP does not buy a fresh budget").isEqualTo(429);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void attendeeWritesAreLimitedPerPerson() {
    Api api = new Api(http);
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Throttle");
    String ana = api.join(jam, "Ana").getString("token");
    long item = api.suggest(jam, ana, "Song", "X").getLong("id");
    int ok = 1;
    int limited = 0;
    for (int i = 0; i < 6; i++) {
      int status = (i % 2 == 0 ? http.delete(Api.queue(jam) + "/" + item + "/vote", ana) : api.vote(jam, item, ana)).status();
      if (status == 200) {
        ok++;
      } else if (status == 429) {
        limited++;
      }
    }
    assertThat(ok).isEqualTo(4);
    assertThat(limited).isEqualTo(3);
    assertThat(api.suggest(jam, host, "Host is not limited", "Y").getLong("id")).isPositive();
  }
}

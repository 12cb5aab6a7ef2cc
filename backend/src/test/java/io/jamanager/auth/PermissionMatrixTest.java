package io.jamanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route against every kind of caller. "ok" means the guard let the request through (the
 * answer may still be a 404 or 409 from the handler); 401 and 403 mean the guard refused it.
 */
class PermissionMatrixTest {

  /** COHOST holds a co-host link of the jam under test; OTHER_COHOST one of another jam. */
  enum Caller { NONE, VIEWER, ATTENDEE, OTHER_ATTENDEE, STAGE, HOST, COHOST, OTHER_COHOST }

  private static final String OK = "ok";
  private static final String PUBLIC = "ok ok ok ok ok ok ok ok";
  private static final String HOST_ONLY = "401 403 403 403 403 ok 403 403";
  /** The jam's queue and now-playing: the host and that jam's co-hosts. */
  private static final String RUNNERS = "401 403 403 403 403 ok ok 403";
  private static final String READERS = "401 ok ok 403 ok ok ok 403";
  private static final String PARTICIPANTS = "401 403 ok 403 403 ok ok 403";
  private static final String ATTENDEES = "401 403 ok 403 403 403 403 403";

  private static TestApp app;
  private static Http http;
  private static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    http = new Http(app.port());
    api = new Api(http);
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  static Stream<Arguments> matrix() {
    String[][] routes = {
      {"POST", "/auth/login", "{\"accessCode\":\"" + TestApp.ACCESS_CODE + "\"}", PUBLIC},
      {"GET", "/jams", null, PUBLIC},
      {"POST", "/jams", "{\"name\":\"New\",\"startsAt\":\"2030-01-01T20:00:00Z\"}", HOST_ONLY},
      {"GET", "/jams/{slug}", null, PUBLIC},
      {"PATCH", "/jams/{jam}", "{\"capo\":2}", HOST_ONLY},
      {"DELETE", "/jams/{jam}", null, HOST_ONLY},
      {"POST", "/jams/{jam}/start", null, HOST_ONLY},
      {"POST", "/jams/{jam}/end", null, HOST_ONLY},
      {"POST", "/jams/{jam}/stage-link", null, HOST_ONLY},
      {"GET", "/jams/{jam}/setlist", null, HOST_ONLY},
      {"GET", "/jams/{slug}/recap", null, PUBLIC},
      {"GET", "/jams/{jam}/qr.svg", null, PUBLIC},
      {"GET", "/jams/{jam}/qr.png", null, PUBLIC},
      {"GET", "/jams/{jam}/events?after=0", null, READERS},
      {"POST", "/jams/{code}/attendees", "{\"name\":\"Newcomer\"}", PUBLIC},
      {"GET", "/jams/{jam}/attendees", null, HOST_ONLY},
      {"DELETE", "/jams/{jam}/attendees/{attendee}", null, HOST_ONLY},
      {"POST", "/jams/{jam}/queue", "{\"title\":\"Another\"}", PARTICIPANTS},
      {"PATCH", "/jams/{jam}/queue/{item}", "{\"pinned\":true}", RUNNERS},
      {"DELETE", "/jams/{jam}/queue/{item}", null, RUNNERS},
      {"POST", "/jams/{jam}/queue/{item}/vote", null, ATTENDEES},
      {"DELETE", "/jams/{jam}/queue/{item}/vote", null, ATTENDEES},
      {"POST", "/jams/{jam}/queue/{item}/performers", "{\"instrument\":\"bass\"}", ATTENDEES},
      {"DELETE", "/jams/{jam}/queue/{item}/performers/bass", null, ATTENDEES},
      {"GET", "/jams/{jam}/queue/{item}/sheet", null, READERS},
      {"GET", "/jams/{jam}/played", null, READERS},
      {"GET", "/jams/{jam}/queue/{item}/lineup", null, RUNNERS},
      {"POST", "/jams/{jam}/queue/{item}/lineup/confirm", null, RUNNERS},
      {"POST", "/jams/{jam}/queue/{item}/lineup/skip", "{\"attendeeId\":{attendee}}", RUNNERS},
      {"POST", "/jams/{jam}/now-playing", "{\"itemId\":{item}}", RUNNERS},
      {"POST", "/jams/{jam}/next", null, RUNNERS},
      {"POST", "/jams/{jam}/skip", null, RUNNERS},
      {"GET", "/jams/{jam}/queue/pending", null, RUNNERS},
      {"PUT", "/jams/{jam}/queue/order", "{\"items\":[{\"id\":{item},\"position\":10}]}", RUNNERS},
      {"POST", "/jams/{jam}/queue/{item}/approve", null, RUNNERS},
      {"PUT", "/jams/{jam}/poster", "{}", HOST_ONLY},
      {"GET", "/posters/" + "0".repeat(64), null, PUBLIC},
      {"POST", "/auth/logout-all", null, HOST_ONLY},
      {"GET", "/audit", null, HOST_ONLY},
      {"GET", "/venues", null, PUBLIC},
      {"POST", "/venues", "{\"name\":\"Blue Note\"}", HOST_ONLY},
      {"PATCH", "/venues/{venue}", "{\"address\":\"Main St 1\"}", HOST_ONLY},
      {"DELETE", "/venues/{venue}", null, HOST_ONLY},
      {"GET", "/songs?q=wall", null, PUBLIC},
      {"GET", "/songs/{song}", null, PUBLIC},
      {"POST", "/songs", "{\"title\":\"Wonderwall\"}", HOST_ONLY},
      {"PATCH", "/songs/{song}", "{\"artist\":\"Oasis\"}", HOST_ONLY},
      {"DELETE", "/songs/{song}", null, HOST_ONLY},
      {"GET", "/flags", null, PUBLIC},
      {"PUT", "/flags/voting", "{\"enabled\":true}", HOST_ONLY},
      {"POST", "/jams/{jam}/cohosts", "{\"name\":\"Sam\"}", HOST_ONLY},
      {"GET", "/jams/{jam}/cohosts", null, HOST_ONLY},
      {"DELETE", "/jams/{jam}/cohosts/{cohost}", null, HOST_ONLY},
      {"POST", "/cohost/redeem", "{\"code\":\"{code}\"}", PUBLIC},
      {"GET", "/version", null, PUBLIC},
      {"GET", "/openapi.yaml", null, PUBLIC},
    };
    List<Arguments> cases = new ArrayList<>();
    for (String[] route : routes) {
      String[] expected = route[3].split(" ");
      for (Caller caller : Caller.values()) {
        cases.add(Arguments.of(route[0], route[1], route[2], caller, expected[caller.ordinal()]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} as {3} -> {4}")
  @MethodSource("matrix")
  void everyRouteChecksItsCaller(String method, String path, String body, Caller caller, String expected) {
    TestDatabase.reset();
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Matrix");
    JsonObject other = api.createJam(host, "Elsewhere");
    JsonObject attendee = api.join(jam, "Ana", "guitar");
    String otherAttendee = api.join(other, "Zed").getString("token");
    long item = api.suggest(jam, attendee.getString("token"), "Song", "X").getLong("id");
    long venue = http.post("/api/v1/venues", new JsonObject().put("name", "Cellar"), host).json().getLong("id");
    long song = http.post("/api/v1/songs", new JsonObject().put("title", "Little Wing"), host).json().getLong("id");
    JsonObject cohost = api.cohostLink(host, jam, "Sam");
    String code = Api.codeOf(cohost);
    Map<Caller, String> tokens = Map.of(
      Caller.VIEWER, api.snapshot(jam, null).getString("viewerToken"),
      Caller.ATTENDEE, attendee.getString("token"),
      Caller.OTHER_ATTENDEE, otherAttendee,
      Caller.STAGE, http.post(Api.jamPath(jam) + "/stage-link", null, host).json().getString("token"),
      Caller.HOST, host,
      Caller.COHOST, api.redeem(code).getString("token"),
      Caller.OTHER_COHOST, api.redeem(Api.codeOf(api.cohostLink(host, other, "Kim"))).getString("token"));

    String resolved = "/api/v1" + path
      .replace("{jam}", jam.getLong("id").toString())
      .replace("{slug}", jam.getString("slug"))
      .replace("{code}", jam.getString("joinCode"))
      .replace("{attendee}", attendee.getJsonObject("attendee").getLong("id").toString())
      .replace("{item}", String.valueOf(item))
      .replace("{venue}", String.valueOf(venue))
      .replace("{song}", String.valueOf(song))
      .replace("{cohost}", cohost.getJsonObject("link").getLong("id").toString());
    String json = body == null ? null : body.replace("{item}", String.valueOf(item))
      .replace("{attendee}", attendee.getJsonObject("attendee").getLong("id").toString()).replace("{code}", code);
    Http.Response r = http.send(method, resolved, json, tokens.get(caller));

    if (expected.equals(OK)) {
      assertThat(r.status()).as(r.body()).isNotIn(401, 403).isLessThan(500);
    } else {
      assertThat(r.status()).as(r.body()).isEqualTo(Integer.parseInt(expected));
      assertThat(r.json().getInteger("status")).isEqualTo(Integer.parseInt(expected));
    }
  }
}

package io.jamanager.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Domain steps for tests, each asserting its own success so a test reads as the story it tells. */
public final class Api {

  private final Http http;

  public Api(Http http) {
    this.http = http;
  }

  public Http http() {
    return http;
  }

  public String hostToken() {
    Http.Response r = http.post("/api/v1/auth/login", new JsonObject().put("accessCode", TestApp.ACCESS_CODE));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getString("token");
  }

  public JsonObject createJam(String host, String name) {
    Http.Response r = http.post("/api/v1/jams", new JsonObject().put("name", name).put("startsAt", "2030-05-01T20:00:00Z"), host);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  public JsonObject createJam(String host, String name, int maxSuggestions, int maxPerformances) {
    Http.Response r = http.post("/api/v1/jams", new JsonObject().put("name", name).put("startsAt", "2030-05-01T20:00:00Z")
      .put("maxSuggestionsPerAttendee", maxSuggestions).put("maxPerformancesPerAttendee", maxPerformances), host);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** Joins and returns {attendee, token}. */
  public JsonObject join(JsonObject jam, String name, String... instruments) {
    Http.Response r = http.post("/api/v1/jams/" + jam.getString("joinCode") + "/attendees",
      new JsonObject().put("name", name).put("instruments", new JsonArray(java.util.List.of(instruments))));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  public JsonObject suggest(JsonObject jam, String token, String title, String artist) {
    Http.Response r = http.post(queue(jam), new JsonObject().put("title", title).put("artist", artist), token);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  public Http.Response vote(JsonObject jam, long itemId, String token) {
    return http.post(queue(jam) + "/" + itemId + "/vote", null, token);
  }

  public JsonObject snapshot(JsonObject jam, String token) {
    Http.Response r = http.get("/api/v1/jams/" + jam.getString("slug"), token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** Creates a co-host link for the jam and returns {link, url, qrSvg}. */
  public JsonObject cohostLink(String host, JsonObject jam, String name) {
    Http.Response r = http.post(jamPath(jam) + "/cohosts", new JsonObject().put("name", name), host);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** The code in a created link's URL fragment (…/cohost#code=…). */
  public static String codeOf(JsonObject created) {
    String url = created.getString("url");
    return url.substring(url.indexOf("#code=") + "#code=".length());
  }

  /** Redeems a co-host link's code and returns {token, expiresAt, role, jamId, slug, cohost}. */
  public JsonObject redeem(String code) {
    Http.Response r = http.post("/api/v1/cohost/redeem", new JsonObject().put("code", code));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  public static String queue(JsonObject jam) {
    return "/api/v1/jams/" + jam.getLong("id") + "/queue";
  }

  public static String jamPath(JsonObject jam) {
    return "/api/v1/jams/" + jam.getLong("id");
  }
}

package io.jamanager.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for tests, blocking for readability. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
    .version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5))
    .build();

  private final String base;

  public Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public record Response(int status, HttpHeaders headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
  }

  public Response get(String path, String... headers) {
    HttpRequest.Builder b = request(path).GET();
    addHeaders(b, headers);
    return send(b.build());
  }

  public Response get(String path, String token) {
    return token == null ? get(path, new String[0]) : get(path, "Authorization", "Bearer " + token);
  }

  public Response send(String method, String path, Object json, String token) {
    HttpRequest.BodyPublisher body = json == null
      ? HttpRequest.BodyPublishers.noBody()
      : HttpRequest.BodyPublishers.ofString(json.toString());
    HttpRequest.Builder b = request(path).method(method, body);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  public Response post(String path, Object json, String token) {
    return send("POST", path, json, token);
  }

  public Response post(String path, Object json) {
    return send("POST", path, json, null);
  }

  public Response patch(String path, Object json, String token) {
    return send("PATCH", path, json, token);
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, null, token);
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void addHeaders(HttpRequest.Builder b, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
  }
}

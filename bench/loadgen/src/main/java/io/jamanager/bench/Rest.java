package io.jamanager.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/** JSON calls to the JaManager API over keep-alive HTTP/1.1 connections on loopback. */
final class Rest {

  /** A JSON answer, its status and its Retry-After header (null without one). */
  record Answer(int status, Buffer body, String retryAfter) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  private final HttpClient client;
  private final long timeoutMs;

  Rest(Vertx vertx, int port, int connections) {
    this(vertx, port, connections, true);
  }

  /** Without keep-alive, every call gets a connection of its own (the seeder: slow but simple). */
  Rest(Vertx vertx, int port, int connections, boolean keepAlive) {
    this(vertx, port, connections, keepAlive, 10_000);
  }

  /** {@code timeoutMs} bounds the wait for a connection and for the answer, each. */
  Rest(Vertx vertx, int port, int connections, boolean keepAlive, long timeoutMs) {
    this.timeoutMs = timeoutMs;
    this.client = vertx.createHttpClient(
      new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(keepAlive),
      new PoolOptions().setHttp1MaxSize(connections));
  }

  Future<Answer> call(HttpMethod method, String path, JsonObject body, String token) {
    return call(method, path, body, token, timeoutMs);
  }

  /** A call that fails when no answer (or no byte of it) has come within {@code timeoutMs}: a lost answer is counted, not a stalled run. */
  Future<Answer> call(HttpMethod method, String path, JsonObject body, String token, long timeoutMs) {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setIdleTimeout(timeoutMs)
      .setConnectTimeout(Math.min(timeoutMs, this.timeoutMs));
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return client.request(options)
      // An empty buffer, not send(): a bodiless POST must still say "content-length: 0".
      .compose(req -> req.send(body == null ? Buffer.buffer() : body.toBuffer()))
      .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b, resp.getHeader("Retry-After"))));
  }

  void close() {
    client.close();
  }

  /** A call that must succeed with {@code expected}; blocks the calling (non-Vert.x) thread. */
  JsonObject expect(int expected, HttpMethod method, String path, JsonObject body, String token) throws Exception {
    Answer a = call(method, path, body, token).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (a.status() != expected) {
      throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + a.body());
    }
    return a.body().length() == 0 ? new JsonObject() : a.json();
  }
}

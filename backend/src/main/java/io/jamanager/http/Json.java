package io.jamanager.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;

/** JSON in and out at the HTTP edge. */
public final class Json {

  private Json() {
  }

  public static void ok(RoutingContext ctx, Object body) {
    send(ctx, 200, body);
  }

  public static void created(RoutingContext ctx, Object body) {
    send(ctx, 201, body);
  }

  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  public static void send(RoutingContext ctx, int status, Object body) {
    Buffer buffer;
    if (body instanceof JsonObject o) {
      buffer = o.toBuffer();
    } else if (body instanceof JsonArray a) {
      buffer = a.toBuffer();
    } else if (body instanceof Buffer b) {
      buffer = b;
    } else {
      buffer = io.vertx.core.json.Json.encodeToBuffer(body);
    }
    ctx.response()
      .setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .end(buffer);
  }

  /** The request body as a JSON object: 415 unless declared JSON, 400 unless it parses to an object. */
  public static JsonObject body(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw new ApiError(415, "unsupported_media_type", "Send the body as application/json");
    }
    RequestBody body = ctx.body();
    if (body == null || body.isEmpty()) {
      throw ApiError.badRequest("invalid_json", "The request body is empty; a JSON object is expected", null);
    }
    try {
      Object value = io.vertx.core.json.Json.decodeValue(body.buffer());
      if (value instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      throw ApiError.badRequest("invalid_json", "The request body is not valid JSON", null);
    }
    throw ApiError.badRequest("invalid_json", "The request body must be a JSON object", null);
  }
}

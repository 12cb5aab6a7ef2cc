package io.jamanager.http;

import io.jamanager.db.DatabaseFault;
import io.jamanager.db.DatabaseOutage;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP answers: typed errors as they are, a database that is away as 503 with
 * Retry-After (logged once per outage by {@link DatabaseOutage}), everything else without internals.
 */
public final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
  /** Long enough for a fast restart or a failover, short enough that a retried tap still feels live. */
  static final int DATABASE_RETRY_AFTER_SECONDS = 2;

  private final DatabaseOutage outage;
  private final FailureLog failures;

  public Errors(DatabaseOutage outage, FailureLog failures) {
    this.outage = outage;
    this.failures = failures;
  }

  /** Router failure handler: maps the failure of any route to the JSON error shape. */
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    DatabaseFault fault = databaseFault(ctx);
    if (fault != null) {
      // A request already answered (a late failure after its timeout) has nobody left to tell.
      if (!ctx.response().headWritten()) {
        outage.answered(fault);
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS));
      }
      send(ctx, new ApiError(503, fault.code(), fault.message()));
      return;
    }
    ApiError error = toApiError(ctx);
    if (error.status() >= 500) {
      failures.failed(RequestLog.requestId(ctx) + " " + ctx.request().method() + " " + ctx.request().path(), failure);
    }
    send(ctx, error);
  }

  /**
   * Mount after {@link #handle}: it is reached only when a handler carries on ({@code ctx.next()}) after its
   * request was already answered, typically by the request timeout while it waited on a database that answered
   * late. There is nobody left to answer and nothing wrong to report; without this, Vert.x logs an ERROR.
   */
  public static void lateContinuation(RoutingContext ctx) {
    if (!ctx.response().ended() && !ctx.response().closed()) {
      send(ctx, forStatus(500));
    }
  }

  /**
   * The database fault this failure stands for. A request timeout while the database is known to be unreachable
   * is one too: it was most likely waiting on a connection that will never answer (a network partition gives
   * no "connection refused"), and the client should retry it like any other 503.
   */
  private DatabaseFault databaseFault(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure == null) {
      return ctx.statusCode() == 408 && outage.current() == DatabaseFault.UNAVAILABLE ? DatabaseFault.UNAVAILABLE : null;
    }
    return failure instanceof ApiError ? null : outage.report(failure).orElse(null);
  }

  /**
   * Answers requests the HTTP codec could not parse (a request line over 4 KiB, headers over 8 KiB, a malformed
   * request line) in the JSON error shape instead of an empty body; the server closes the connection afterwards.
   * Mount with {@code server.invalidRequestHandler(Errors::invalidRequest)}.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error;
    if (cause instanceof TooLongHttpLineException) {
      error = new ApiError(414, "uri_too_long", "The request URL is too long");
    } else if (cause instanceof TooLongHttpHeaderException) {
      error = new ApiError(431, "headers_too_large", "The request headers are too large");
    } else {
      error = forStatus(400);
    }
    request.response()
      .setStatusCode(error.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .putHeader(HttpHeaders.CONNECTION, "close")
      .end(error.toJson().toBuffer());
  }

  public static void send(RoutingContext ctx, ApiError error) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (error.status() == 429 || error.status() == 503) {
      ctx.response().headers().remove(HttpHeaders.CACHE_CONTROL);
    }
    ctx.response()
      .setStatusCode(error.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
      .end(error.toJson().toBuffer());
  }

  static ApiError toApiError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof DecodeException || failure instanceof IllegalArgumentException && ctx.statusCode() == 400) {
      return ApiError.badRequest("invalid_json", "The request body is not valid JSON", null);
    }
    if (failure instanceof PgException pg) {
      ApiError mapped = fromDatabase(pg);
      if (mapped != null) {
        return mapped;
      }
    }
    int status = ctx.statusCode();
    if (failure == null && status < 0) {
      // The router calls its 400 handler this way when it cannot decode the URL (a stray '%'): the client's doing.
      return forStatus(400);
    }
    if (failure == null || status >= 400 && status < 500) {
      return forStatus(status < 400 ? 500 : status);
    }
    return forStatus(500);
  }

  static ApiError forStatus(int status) {
    return switch (status) {
      case 400 -> ApiError.badRequest("bad_request", "The request is malformed", null);
      case 401 -> ApiError.unauthorized("Sign in first");
      case 403 -> ApiError.forbidden("forbidden", "You may not do this");
      case 404 -> ApiError.notFound("Resource");
      case 405 -> new ApiError(405, "method_not_allowed", "This method is not allowed here");
      case 406 -> new ApiError(406, "not_acceptable", "This resource cannot be served in the requested format");
      case 408 -> new ApiError(408, "request_timeout", "The request took too long to arrive");
      case 413 -> new ApiError(413, "payload_too_large", "The request body is too large");
      case 415 -> new ApiError(415, "unsupported_media_type", "Send the body as application/json");
      case 429 -> new ApiError(429, "rate_limited", "Too many requests; try again shortly");
      case 503 -> new ApiError(503, "unavailable", "The service is unavailable; try again shortly");
      default -> new ApiError(500, "internal_error", "Something went wrong on our side; it has been logged");
    };
  }

  /** Constraint violations that reach here are the client's doing: a race the code did not name, or bad data. */
  private static ApiError fromDatabase(PgException pg) {
    String state = pg.getSqlState();
    if (state == null) {
      return null;
    }
    if (state.equals("23505")) {
      return ApiError.conflict("conflict", "This already exists");
    }
    if (state.equals("23503")) {
      return ApiError.conflict("conflict", "This refers to something that no longer exists");
    }
    if (state.startsWith("22") || state.equals("23514")) {
      return ApiError.badRequest("invalid_value", "A value is out of range or malformed", null);
    }
    if (state.equals("40001") || state.equals("40P01")) {
      return new ApiError(503, "busy", "The server is busy; try again");
    }
    return null;
  }
}

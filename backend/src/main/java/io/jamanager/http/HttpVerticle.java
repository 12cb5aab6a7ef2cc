package io.jamanager.http;

import io.jamanager.config.AppConfig;
import io.jamanager.db.DatabaseOutage;
import io.jamanager.health.HealthRoutes;
import io.jamanager.health.Readiness;
import io.jamanager.metrics.MetricsVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Serves HTTP: health, the JSON API, the live bridge and the SPA. One instance per event loop. /metrics is here
 * only when it has no port of its own (development); in production {@link MetricsVerticle} serves it privately.
 */
public final class HttpVerticle extends VerticleBase {

  /** JSON bodies are small; uploads mount their own limit. */
  public static final long JSON_BODY_LIMIT = 64 * 1024;
  /** Every API route lives under this prefix; features mount their full paths on the one router. */
  public static final String API = "/api/v1";
  /** Upload routes end with this and mount their own, larger body limit. */
  public static final String UPLOAD_SUFFIX = "/poster";
  /** Connections that send nothing (a stalled header, say) are closed after this. */
  private static final int IDLE_TIMEOUT_SECONDS = 60;

  private final AppConfig config;
  private final Pool pool;
  private final DatabaseOutage outage;
  private final Readiness readiness;
  static final int SEND_BUFFER_BYTES = 64 * 1024;
  private final PrometheusMeterRegistry registry;
  private final SpaRoutes spa;
  private final List<ApiRoutes> features;
  private final Throttle throttle;
  private final FailureLog failures;
  private HttpServer server;

  public HttpVerticle(AppConfig config, Pool pool, DatabaseOutage outage, Readiness readiness,
                      PrometheusMeterRegistry registry, SpaRoutes spa, List<ApiRoutes> features, Throttle throttle,
                      FailureLog failures) {
    this.config = config;
    this.pool = pool;
    this.outage = outage;
    this.readiness = readiness;
    this.registry = registry;
    this.spa = spa;
    this.features = features;
    this.throttle = throttle;
    this.failures = failures;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog()).handler(new SecurityHeaders(config.stageFrameAncestors()));
    if (!config.corsOrigins().isEmpty()) {
      router.route().handler(cors());
    }
    new HealthRoutes(vertx, pool, outage, readiness).mount(router);
    if (!config.metricsOnOwnPort()) {
      router.get(MetricsVerticle.PATH).handler(PrometheusScrapingHandler.create(registry));
    }

    // These routes have no path, so they do not show up in the per-route metric labels.
    Handler<RoutingContext> timeout = TimeoutHandler.create(config.requestTimeoutSeconds() * 1000L, 408);
    Handler<RoutingContext> general = throttle.general();
    BodyHandler jsonBodies = BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT);
    // Uploads of several MB over bar Wi-Fi take longer; the connection idle timeout still bounds them.
    router.route().handler(ctx -> onlyApi(ctx, c -> {
      if (c.request().path().endsWith(UPLOAD_SUFFIX)) {
        c.next();
      } else {
        timeout.handle(c);
      }
    }));
    router.route().handler(ctx -> onlyApi(ctx, general));
    router.route().handler(ctx -> onlyApi(ctx, c -> {
      if (c.request().path().endsWith(UPLOAD_SUFFIX)) {
        c.next();
      } else {
        jsonBodies.handle(c);
      }
    }));
    router.get(API + "/version").handler(ctx -> Json.ok(ctx, Version.json()));
    features.forEach(f -> f.mount(router));

    spa.mount(router);
    Errors errors = new Errors(outage, failures);
    router.route().failureHandler(errors::handle).failureHandler(Errors::lateContinuation);
    for (int status : new int[] {400, 404, 405, 406, 413, 415, 500, 501}) {
      router.errorHandler(status, errors::handle);
    }

    HttpServerOptions options = new HttpServerOptions()
      .setCompressionSupported(true)
      // Live events are a few hundred bytes: per-socket deflate would cost a zlib state (~300 KB) per
      // phone and a compression per socket per event, for little gain.
      .setPerMessageWebSocketCompressionSupported(false)
      .setPerFrameWebSocketCompressionSupported(false)
      .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
      .setIdleTimeoutUnit(TimeUnit.SECONDS)
      // Left to autotuning, the kernel gives a socket whose peer stops reading up to 4 MB of send buffer
      // (tcp_wmem), per socket, before the bridge's write-queue limit can see any backlog: 200 stuck
      // phones could pin 800 MB outside the heap. Fixed, a stuck socket costs at most this (doubled by
      // the kernel) plus BridgeRoutes.MAX_PENDING_BYTES; 128 KB in flight still carries 1 MB/s at 100 ms.
      .setSendBufferSize(SEND_BUFFER_BYTES);
    return vertx.createHttpServer(options)
      .invalidRequestHandler(Errors::invalidRequest)
      .requestHandler(router)
      .listen(config.port(), config.host())
      .onSuccess(s -> server = s);
  }

  /** Stops accepting and lets in-flight requests finish, bounded by the drain time. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(config.drainSeconds(), TimeUnit.SECONDS);
  }

  private static void onlyApi(RoutingContext ctx, Handler<RoutingContext> handler) {
    if (ctx.request().path().startsWith(API)) {
      handler.handle(ctx);
    } else {
      ctx.next();
    }
  }

  private CorsHandler cors() {
    return CorsHandler.create()
      .addOrigins(config.corsOrigins())
      .allowCredentials(true)
      .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
      .allowedHeaders(Set.of("Authorization", "Content-Type", "X-Request-Id", "X-Requested-With"))
      .exposedHeaders(Set.of("X-Request-Id", "Retry-After"))
      .maxAgeSeconds(600);
  }
}

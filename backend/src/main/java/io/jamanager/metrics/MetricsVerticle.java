package io.jamanager.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Serves /metrics on its own port (METRICS_PORT), so the public port never shows route names, rates and
 * internals. Only the platform's scraper reaches it: Fly's [metrics] over the private network, a compose
 * or host Prometheus; nothing publishes it. Every other path answers 404.
 */
public final class MetricsVerticle extends VerticleBase {

  public static final String PATH = "/metrics";

  private final PrometheusMeterRegistry registry;
  private final int port;
  private final String host;
  private HttpServer server;

  public MetricsVerticle(PrometheusMeterRegistry registry, int port, String host) {
    this.registry = registry;
    this.port = port;
    this.host = host;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get(PATH).handler(PrometheusScrapingHandler.create(registry));
    return vertx.createHttpServer()
      .requestHandler(router)
      .listen(port, host)
      .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}

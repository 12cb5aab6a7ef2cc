package io.jamanager.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/**
 * Serves the built SPA from the classpath's webroot/: hashed assets cached for a year, everything
 * else revalidated, and client-side routes answered with index.html.
 */
public final class SpaRoutes {

  private static final String WEBROOT = "webroot";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";
  /** Paths owned by the server: never answered with the SPA. */
  private static final List<String> SERVER_PREFIXES = List.of("/api/", "/eventbus", "/health", "/metrics", "/docs");

  private final Buffer index;

  private SpaRoutes(Buffer index) {
    this.index = index;
  }

  /** Reads index.html once; a build without the SPA still serves the API. */
  public static Future<SpaRoutes> load(Vertx vertx) {
    return vertx.fileSystem().readFile(WEBROOT + "/index.html")
      .otherwise(err -> null)
      .map(SpaRoutes::new);
  }

  public void mount(Router router) {
    router.get("/assets/*")
      .handler(ctx -> cacheFor(ctx, IMMUTABLE))
      .handler(StaticHandler.create(WEBROOT + "/assets").setCachingEnabled(false).setDirectoryListing(false))
      .handler(ctx -> ctx.fail(404));
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(ctx -> cacheFor(ctx, REVALIDATE))
      .handler(StaticHandler.create(WEBROOT).setCachingEnabled(false).setDirectoryListing(false)
        .setIndexPage("index.html"));
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::clientRoute);
  }

  private static void cacheFor(RoutingContext ctx, String policy) {
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, policy);
    ctx.next();
  }

  private void clientRoute(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    boolean serverPath = SERVER_PREFIXES.stream().anyMatch(path::startsWith) || path.equals("/api");
    if (serverPath || index == null) {
      ctx.next();
      return;
    }
    ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE)
      .end(index);
  }
}

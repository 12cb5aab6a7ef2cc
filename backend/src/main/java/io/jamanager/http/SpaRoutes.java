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
import java.util.Set;

/**
 * Serves the built SPA from the classpath's webroot/: hashed assets cached for a year, the icons, the web app
 * manifest and robots.txt for a day, everything else (index.html, the service worker sw.js) revalidated.
 * Client-side routes (paths whose last segment has no extension) are answered with index.html, marked
 * noindex except the front page; a missing file is a 404, never the page shell.
 */
public final class SpaRoutes {

  private static final String WEBROOT = "webroot";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";
  private static final String ONE_DAY = "public, max-age=86400";
  private static final String MANIFEST = "/manifest.webmanifest";
  /** Unhashed files that browsers and crawlers ask for by name and that rarely change. */
  private static final Set<String> STABLE_FILES = Set.of("/favicon.ico", "/favicon.svg", "/robots.txt", MANIFEST,
    "/icon-192.png", "/icon-512.png", "/icon-maskable-512.png", "/apple-touch-icon.png");
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
      .handler(SpaRoutes::fileHeaders)
      .handler(StaticHandler.create(WEBROOT).setCachingEnabled(false).setDirectoryListing(false)
        .setIndexPage("index.html"));
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::clientRoute);
  }

  private static void cacheFor(RoutingContext ctx, String policy) {
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, policy);
    ctx.next();
  }

  private static void fileHeaders(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.equals(MANIFEST)) {
      // Not in Vert.x's MIME table; browsers accept the manifest with its registered type.
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/manifest+json");
    }
    cacheFor(ctx, STABLE_FILES.contains(path) ? ONE_DAY : REVALIDATE);
  }

  private void clientRoute(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    boolean serverPath = SERVER_PREFIXES.stream().anyMatch(path::startsWith) || path.equals("/api");
    boolean file = path.substring(path.lastIndexOf('/') + 1).contains(".");
    if (serverPath || file || index == null) {
      ctx.next();
      return;
    }
    // Only the front page (the index page above) is for search results; jam pages, consoles and invitations
    // are for the people in the room.
    ctx.response()
      .putHeader("X-Robots-Tag", "noindex")
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE)
      .end(index);
  }
}

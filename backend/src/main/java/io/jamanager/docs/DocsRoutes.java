package io.jamanager.docs;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.http.ApiRoutes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The API contract: the OpenAPI document at {@code /api/v1/openapi.yaml} and a page for people at {@code /docs},
 * rendered once on the server, so it needs no script and loads nothing from elsewhere.
 */
public final class DocsRoutes implements ApiRoutes {

  public static final String PAGE = "/docs";
  private static final String STYLESHEET = "/docs/docs.css";
  private static final String REVALIDATE = "no-cache";

  /** The document and its page, rendered once on first use off the event loop: not on the start-up path. */
  private record Rendered(Buffer yaml, Buffer page, Buffer css) {
  }

  private final AtomicReference<Future<Rendered>> rendered = new AtomicReference<>();

  private Future<Rendered> rendered(Vertx vertx) {
    Future<Rendered> current = rendered.get();
    if (current == null) {
      Future<Rendered> fresh = vertx.executeBlocking(() -> {
        ApiDocument document = ApiDocument.load();
        return new Rendered(document.yaml(), Buffer.buffer(new DocsPage(document.tree(), STYLESHEET).render()),
          resource("/docs/docs.css"));
      });
      current = rendered.compareAndSet(null, fresh) ? fresh : rendered.get();
    }
    return current;
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/openapi.yaml").handler(this::document);
    router.get(PAGE).handler(this::page);
    router.get(STYLESHEET).handler(this::stylesheet);
  }

  private void document(RoutingContext ctx) {
    send(ctx, "application/yaml; charset=utf-8", Rendered::yaml);
  }

  private void page(RoutingContext ctx) {
    send(ctx, "text/html; charset=utf-8", Rendered::page);
  }

  private void stylesheet(RoutingContext ctx) {
    send(ctx, "text/css; charset=utf-8", Rendered::css);
  }

  private void send(RoutingContext ctx, String type, Function<Rendered, Buffer> part) {
    // The rendering is shared, so it may complete on another event loop: answer from the request's own.
    Context here = ctx.vertx().getOrCreateContext();
    rendered(ctx.vertx()).onComplete(ar -> here.runOnContext(v -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, type)
        .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE)
        .end(part.apply(ar.result()));
    }));
  }

  private static Buffer resource(String path) {
    try (InputStream in = DocsRoutes.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}

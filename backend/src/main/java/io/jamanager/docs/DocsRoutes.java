package io.jamanager.docs;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.http.ApiRoutes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The API contract: the OpenAPI document at {@code /api/v1/openapi.yaml} and, at {@code /docs}, Swagger UI over it
 * (the frontend builds that page into webroot/docs.html; it runs under the app's CSP).
 */
public final class DocsRoutes implements ApiRoutes {

  public static final String PAGE = "/docs";
  private static final String PAGE_FILE = "webroot/docs.html";
  private static final String REVALIDATE = "no-cache";

  private final AtomicReference<Future<ApiDocument>> document = new AtomicReference<>();

  /** The document, read and parsed once on first use off the event loop: not on the start-up path. */
  private Future<ApiDocument> document(Vertx vertx) {
    Future<ApiDocument> current = document.get();
    if (current == null) {
      Future<ApiDocument> fresh = vertx.executeBlocking(ApiDocument::load);
      current = document.compareAndSet(null, fresh) ? fresh : document.get();
    }
    return current;
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/openapi.yaml").handler(this::yaml);
    router.get(PAGE).handler(this::page);
  }

  private void yaml(RoutingContext ctx) {
    // The document is shared, so it may be read on another event loop: answer from the request's own.
    Context here = ctx.vertx().getOrCreateContext();
    document(ctx.vertx()).onComplete(ar -> here.runOnContext(v -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE)
        .end(ar.result().yaml());
    }));
  }

  private void page(RoutingContext ctx) {
    ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE)
      .sendFile(PAGE_FILE)
      // A backend built without the frontend has no page to send.
      .onFailure(err -> ctx.fail(404));
  }
}

package io.jamanager.docs;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.http.ApiRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API contract: the OpenAPI document at {@code /api/v1/openapi.yaml} and a page for people at {@code /docs},
 * rendered once on the server, so it needs no script and loads nothing from elsewhere.
 */
public final class DocsRoutes implements ApiRoutes {

  public static final String PAGE = "/docs";
  private static final String STYLESHEET = "/docs/docs.css";
  private static final String REVALIDATE = "no-cache";

  private final Buffer yaml;
  private final Buffer page;
  private final Buffer css;

  public DocsRoutes() {
    this(ApiDocument.load());
  }

  DocsRoutes(ApiDocument document) {
    this.yaml = document.yaml();
    this.page = Buffer.buffer(new DocsPage(document.tree(), STYLESHEET).render());
    this.css = resource("/docs/docs.css");
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/openapi.yaml").handler(this::document);
    router.get(PAGE).handler(this::page);
    router.get(STYLESHEET).handler(this::stylesheet);
  }

  private void document(RoutingContext ctx) {
    send(ctx, "application/yaml; charset=utf-8", yaml);
  }

  private void page(RoutingContext ctx) {
    send(ctx, "text/html; charset=utf-8", page);
  }

  private void stylesheet(RoutingContext ctx) {
    send(ctx, "text/css; charset=utf-8", css);
  }

  private static void send(RoutingContext ctx, String type, Buffer body) {
    ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, type)
      .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE)
      .end(body);
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

package io.jamanager.recap;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/**
 * The recap of an ended night, public like the jam's page: setlist, most-voted songs, the night in numbers
 * and votes per 10 minutes. A jam that has not ended has no recap yet (409 {@code jam_not_ended}).
 */
public final class RecapRoutes implements ApiRoutes {

  private static final int MOST_VOTED = 5;
  /**
   * An ended jam rarely changes, but the host may still remove someone or start it again: caches keep it
   * a few minutes, then revalidate with the ETag (the jam's event seq), which costs one indexed read.
   */
  private static final String CACHE = "public, max-age=300";

  private final RecapRepository recaps;

  public RecapRoutes(Pool pool) {
    this.recaps = new RecapRepository(pool);
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/jams/:jamRef/recap").handler(this::recap);
  }

  private void recap(RoutingContext ctx) {
    String ref = ctx.pathParam("jamRef");
    if (ref.length() > 160) {
      throw ApiError.notFound("Jam");
    }
    recaps.find(ref).compose(jam -> {
      if (jam == null) {
        throw ApiError.notFound("Jam");
      }
      if (!"ended".equals(jam.status())) {
        throw ApiError.conflict("jam_not_ended", "The recap appears once the jam has ended");
      }
      String etag = "\"recap-" + jam.id() + "-" + jam.seq() + "\"";
      if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
        return cached(ctx, etag).setStatusCode(304).end();
      }
      return recaps.recap(jam.id(), MOST_VOTED).compose(recap -> cached(ctx, etag)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(recap.toBuffer()));
    }).onFailure(ctx::fail);
  }

  private static HttpServerResponse cached(RoutingContext ctx, String etag) {
    return ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, CACHE).putHeader(HttpHeaders.ETAG, etag);
  }
}

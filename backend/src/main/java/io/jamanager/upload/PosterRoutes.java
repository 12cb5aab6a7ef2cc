package io.jamanager.upload;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.auth.Access;
import io.jamanager.config.AppConfig;
import io.jamanager.flags.FlagRepository;
import io.jamanager.flags.Flags;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.HttpVerticle;
import io.jamanager.http.Json;
import io.jamanager.jam.JamRepository;
import io.jamanager.live.Live;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jam posters: the host uploads one image per jam (PUT /jams/{jamId}/poster, multipart field {@code file}); anyone
 * fetches it by content address (GET /posters/{sha256}), so it can be cached forever.
 */
public final class PosterRoutes implements ApiRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(PosterRoutes.class);
  private static final String FIELD = "file";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Access access;
  private final PosterRepository posters;
  private final Live live;
  private final long maxBytes;
  private final String publicUrl;

  public PosterRoutes(Access access, PosterRepository posters, Live live, AppConfig config) {
    this.access = access;
    this.posters = posters;
    this.live = live;
    this.maxBytes = config.maxUploadBytes();
    this.publicUrl = config.publicUrl();
  }

  /** Where a stored poster is served; the jam JSON's {@code posterUrl}. */
  public static String url(String sha256) {
    return sha256 == null ? null : API + "/posters/" + sha256;
  }

  @Override
  public void mount(Router router) {
    // The path ends with HttpVerticle.UPLOAD_SUFFIX, so the global JSON body handler leaves this body alone.
    String upload = API + "/jams/:jamId" + HttpVerticle.UPLOAD_SUFFIX;
    router.put(upload)
      .handler(PosterRoutes::holdBody)
      .handler(access.host())
      .handler(this::upload)
      .failureHandler(PosterRoutes::dropUnreadBody);
    router.get(API + "/posters/:sha256").handler(this::serve);
  }

  /** Nothing is read until the token and the flag have been checked: strangers cannot make us buffer megabytes. */
  private static void holdBody(RoutingContext ctx) {
    ctx.request().pause();
    ctx.next();
  }

  private void upload(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    uploadsAllowed(jamId)
      .compose(v -> UploadedFile.read(ctx.request(), FIELD, maxBytes))
      .compose(file -> ctx.vertx().executeBlocking(() -> PosterImages.clean(file.getBytes()), false))
      .compose(poster -> store(jamId, poster))
      .onSuccess(posterUrl -> Json.ok(ctx, new JsonObject().put("posterUrl", posterUrl)))
      .onFailure(ctx::fail);
  }

  /** One transaction: the poster row, the jam's reference to it and the jam.updated event; answers the poster's URL. */
  private Future<String> store(long jamId, Poster poster) {
    String posterUrl = url(poster.sha256());
    return live.write(tx -> FlagRepository.enabled(tx.conn(), Flags.UPLOADS)
        .compose(on -> on ? PosterRepository.attach(tx.conn(), jamId, poster) : failed(Flags.disabled(Flags.UPLOADS)))
        .compose(attached -> attached != null ? Future.succeededFuture(attached) : failed(ApiError.notFound("Jam")))
        .compose(attached -> JamRepository.json(tx.conn(), jamId)
          .compose(jam -> tx.emit(jamId, "jam.updated", new JsonObject().put("jam", JamRepository.withJoinUrl(jam, publicUrl))))
          .map(attached)))
      .onSuccess(attached -> dropReplaced(attached.previous(), poster.sha256()))
      .map(posterUrl);
  }

  /** Checked before reading the body so a refusal is quick; checked again inside the write transaction. */
  private Future<Void> uploadsAllowed(long jamId) {
    return posters.jamExists(jamId)
      .compose(exists -> exists ? posters.uploadsEnabled() : Future.failedFuture(ApiError.notFound("Jam")))
      .compose(on -> on ? Future.succeededFuture() : Future.failedFuture(Flags.disabled(Flags.UPLOADS)));
  }

  /** Best effort after commit: an unused old poster only costs space, so a failure here is logged, not answered. */
  private void dropReplaced(String previous, String current) {
    if (previous != null && !previous.equals(current)) {
      posters.dropIfUnused(previous).onFailure(err -> LOG.warn("could not delete replaced poster {}", previous, err));
    }
  }

  private void serve(RoutingContext ctx) {
    String sha = ctx.pathParam("sha256");
    if (sha == null || !SHA256.matcher(sha).matches()) {
      ctx.fail(ApiError.notFound("Poster"));
      return;
    }
    String etag = "\"" + sha + "\"";
    if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      immutable(ctx).setStatusCode(304).end();
      return;
    }
    posters.find(sha)
      .compose(poster -> poster != null ? Future.succeededFuture(poster) : failed(ApiError.notFound("Poster")))
      .onSuccess(poster -> immutable(ctx)
        .putHeader(HttpHeaders.CONTENT_TYPE, poster.contentType())
        .putHeader("Content-Disposition", "inline")
        // Already compressed; gzip would only cost CPU.
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY)
        .end(Buffer.buffer(poster.bytes())))
      .onFailure(ctx::fail);
  }

  private static <T> Future<T> failed(ApiError error) {
    return Future.failedFuture(error);
  }

  /** The address is the content's hash, so the answer never changes. */
  private static HttpServerResponse immutable(RoutingContext ctx) {
    return ctx.response()
      .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
      .putHeader(HttpHeaders.ETAG, "\"" + ctx.pathParam("sha256") + "\"")
      .putHeader("X-Content-Type-Options", "nosniff");
  }

  /**
   * A refused upload leaves the rest of its body unread (possibly megabytes): close the connection after the error
   * rather than read it all, or leave the next request on this connection stuck behind it.
   */
  private static void dropUnreadBody(RoutingContext ctx) {
    if (!ctx.request().isEnded() && ctx.request().version() != HttpVersion.HTTP_2) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      ctx.addEndHandler(v -> ctx.request().connection().close());
    }
    ctx.next();
  }
}

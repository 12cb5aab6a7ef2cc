package io.jamanager.cohost;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.audit.Audit;
import io.jamanager.auth.Access;
import io.jamanager.auth.Principal;
import io.jamanager.auth.Role;
import io.jamanager.auth.Tokens;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Fields;
import io.jamanager.http.Json;
import io.jamanager.http.Throttle;
import io.jamanager.live.Live;
import io.jamanager.qr.QrCodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * Co-host links: the host creates one per person for one jam (expiring, revocable); whoever opens it gets a
 * co-host token that runs that jam's queue and now-playing and nothing else. Revoking a link refuses its
 * tokens at once and closes the live sockets they opened, on every instance.
 */
public final class CoHostRoutes implements ApiRoutes {

  /** Internal address (never bridged): {@code {"data": {"cohostId": …}}} when a link is revoked. */
  public static final String REVOKED_ADDRESS = "cohost.revoked";
  static final int DEFAULT_HOURS = 12;
  static final int MAX_HOURS = 7 * 24;

  private final Vertx vertx;
  private final Access access;
  private final CoHostRepository links;
  private final Live live;
  private final Throttle throttle;
  private final String publicUrl;

  public CoHostRoutes(Vertx vertx, Access access, io.vertx.sqlclient.Pool pool, Live live, Throttle throttle,
                      String publicUrl) {
    this.vertx = vertx;
    this.access = access;
    this.links = new CoHostRepository(pool);
    this.live = live;
    this.throttle = throttle;
    this.publicUrl = publicUrl;
  }

  @Override
  public void mount(Router router) {
    router.post(API + "/jams/:jamId/cohosts").handler(access.host()).handler(this::create);
    router.get(API + "/jams/:jamId/cohosts").handler(access.host()).handler(this::list);
    router.delete(API + "/jams/:jamId/cohosts/:cohostId").handler(access.host()).handler(this::revoke);
    router.post(API + "/cohost/redeem").handler(throttle.login()).handler(this::redeem);
  }

  private void create(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    JsonObject body = Json.body(ctx);
    String name = Fields.text(body, "name", 40, true);
    Integer given = Fields.integer(body, "expiresInHours", 1, MAX_HOURS, false);
    int hours = given == null ? DEFAULT_HOURS : given;
    links.jamStatus(jamId)
      .compose(status -> {
        if (status == null) {
          throw ApiError.notFound("Jam");
        }
        if (status.equals("ended")) {
          throw ApiError.conflict("jam_ended", "This jam has ended; it needs no co-host");
        }
        return links.pool().withTransaction(tx -> CoHostRepository.create(tx, jamId, name, hours)
          .compose(created -> Audit.record(tx, ctx, "cohost.create", jamId, new JsonObject()
            .put("cohostId", created.link().id()).put("name", name).put("expiresAt", created.link().expiresAt()))
            .map(created)));
      })
      .compose(created -> {
        // The code travels in the fragment, which browsers never send to servers or in Referer headers.
        String url = publicUrl + "/cohost#code=" + created.code();
        return vertx.executeBlocking(() -> QrCodes.svg(url))
          .map(svg -> new JsonObject().put("link", created.link().toJson()).put("url", url).put("qrSvg", svg));
      })
      .onSuccess(answer -> Json.created(ctx, answer))
      .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    links.jamStatus(jamId)
      .compose(status -> {
        if (status == null) {
          throw ApiError.notFound("Jam");
        }
        return links.list(jamId);
      })
      .onSuccess(list -> Json.ok(ctx, list))
      .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long linkId = Access.longParam(ctx, "cohostId", "Co-host link");
    links.pool().withTransaction(tx -> CoHostRepository.revoke(tx, jamId, linkId).compose(link -> {
        if (link == null) {
          throw ApiError.notFound("Co-host link");
        }
        return Audit.record(tx, ctx, "cohost.revoke", jamId, new JsonObject().put("cohostId", linkId).put("name", link.name()));
      }))
      .onSuccess(v -> {
        live.broadcast(REVOKED_ADDRESS, REVOKED_ADDRESS, new JsonObject().put("cohostId", linkId));
        Json.noContent(ctx);
      })
      .onFailure(ctx::fail);
  }

  private void redeem(RoutingContext ctx) {
    String code = Fields.text(Json.body(ctx), "code", 100, true);
    links.pool().withTransaction(tx -> CoHostRepository.redeem(tx, code).compose(redeemed -> {
        if (redeemed == null) {
          throw ApiError.notFound("Co-host link");
        }
        CoHostRepository.Link link = redeemed.link();
        if (link.status().equals("revoked")) {
          throw new ApiError(410, "cohost_link_revoked", "The host has revoked this co-host link; ask for a new one");
        }
        if (!link.active()) {
          throw new ApiError(410, "cohost_link_expired", "This co-host link has expired; ask the host for a new one");
        }
        Principal.CoHost cohost = new Principal.CoHost(link.id(), link.name());
        return Audit.record(tx, ctx, cohost, "cohost.redeem", link.jamId(), new JsonObject().put("cohostId", link.id()))
          .map(redeemed);
      }))
      .onSuccess(redeemed -> {
        CoHostRepository.Link link = redeemed.link();
        Tokens.Issued token = access.tokens().cohost(link.jamId(), link.id(), link.name(), Instant.parse(link.expiresAt()));
        Json.ok(ctx, new JsonObject().put("token", token.token()).put("expiresAt", token.expiresAt().toString())
          .put("role", Role.COHOST.claim()).put("jamId", link.jamId()).put("slug", redeemed.slug())
          .put("cohost", new JsonObject().put("id", link.id()).put("name", link.name())));
      })
      .onFailure(ctx::fail);
  }
}

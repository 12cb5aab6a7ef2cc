package io.jamanager.flags;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.auth.Access;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Json;
import io.jamanager.live.BridgeRoutes;
import io.jamanager.live.Live;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** GET /flags for everyone; PUT /flags/{name} lets the host switch a feature, and every connected client hears it. */
public final class FlagRoutes implements ApiRoutes {

  public static final String CHANGED = "flags.changed";

  private final Access access;
  private final FlagRepository flags;
  private final Live live;

  public FlagRoutes(Access access, FlagRepository flags, Live live) {
    this.access = access;
    this.flags = flags;
    this.live = live;
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/flags").handler(this::list);
    router.put(API + "/flags/:name").handler(access.host()).handler(this::set);
  }

  private void list(RoutingContext ctx) {
    flags.all().onSuccess(all -> Json.ok(ctx, all)).onFailure(ctx::fail);
  }

  private void set(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    JsonObject body = Json.body(ctx);
    if (!(body.getValue("enabled") instanceof Boolean enabled)) {
      throw ApiError.invalid("enabled", "enabled must be true or false");
    }
    live.write(tx -> FlagRepository.set(tx.conn(), name, enabled)
        .compose(found -> found ? FlagRepository.all(tx.conn()) : Future.failedFuture(ApiError.notFound("Flag"))))
      .onSuccess(all -> {
        // Only after commit, so no client ever sees a state that was rolled back.
        live.broadcast(BridgeRoutes.FLAGS_ADDRESS, CHANGED, new JsonObject().put("flags", all));
        Json.ok(ctx, all);
      })
      .onFailure(ctx::fail);
  }
}

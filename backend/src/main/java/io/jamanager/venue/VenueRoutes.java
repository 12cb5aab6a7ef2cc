package io.jamanager.venue;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.auth.Access;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Fields;
import io.jamanager.http.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;

/** Venues: anyone may list them (the jam form and the public pages show them); only the host changes them. */
public final class VenueRoutes implements ApiRoutes {

  static final int NAME_MAX = 120;
  static final int ADDRESS_MAX = 300;
  private static final String UNIQUE_VIOLATION = "23505";

  private final Access access;
  private final VenueRepository venues;

  public VenueRoutes(Access access, VenueRepository venues) {
    this.access = access;
    this.venues = venues;
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/venues").handler(this::list);
    router.post(API + "/venues").handler(access.host()).handler(this::create);
    router.patch(API + "/venues/:venueId").handler(access.host()).handler(this::update);
    router.delete(API + "/venues/:venueId").handler(access.host()).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    venues.list()
      .map(list -> new JsonArray(list.stream().map(Venue::toJson).toList()))
      .onSuccess(array -> Json.ok(ctx, array))
      .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String name = Fields.text(body, "name", NAME_MAX, true);
    String address = Fields.text(body, "address", ADDRESS_MAX, false);
    venues.create(name, address == null ? "" : address)
      .compose(venue -> venue == null ? Future.failedFuture(nameTaken(name)) : Future.succeededFuture(venue))
      .onSuccess(venue -> Json.created(ctx, venue.toJson()))
      .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    long id = Access.longParam(ctx, "venueId", "Venue");
    JsonObject body = Json.body(ctx);
    String name = Fields.has(body, "name") ? Fields.text(body, "name", NAME_MAX, true) : null;
    // Clearing the address is allowed; the column holds '' for "no address".
    String address = Fields.has(body, "address") ? orEmpty(Fields.text(body, "address", ADDRESS_MAX, false)) : null;
    venues.update(id, name, address)
      .recover(err -> Future.failedFuture(isUniqueViolation(err) ? nameTaken(name) : err))
      .compose(venue -> venue == null ? Future.failedFuture(ApiError.notFound("Venue")) : Future.succeededFuture(venue))
      .onSuccess(venue -> Json.ok(ctx, venue.toJson()))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long id = Access.longParam(ctx, "venueId", "Venue");
    venues.delete(id)
      .onSuccess(found -> {
        if (found) {
          Json.noContent(ctx);
        } else {
          ctx.fail(ApiError.notFound("Venue"));
        }
      })
      .onFailure(ctx::fail);
  }

  private static ApiError nameTaken(String name) {
    return new ApiError(409, "venue_exists", "There is already a venue called " + name, "name");
  }

  private static boolean isUniqueViolation(Throwable err) {
    return err instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}

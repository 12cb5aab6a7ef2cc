package io.jamanager.live;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.auth.Access;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** GET /jams/{id}/events?after=seq: exactly the events a client missed, or 410 when it should reload. */
public final class EventRoutes implements ApiRoutes {

  /** More than this many missed events: reloading the snapshot is cheaper than replaying. */
  static final int MAX_REPLAY = 500;

  private final Access access;
  private final EventRepository events;
  /**
   * After a restart every phone of a jam asks for the same seq within a second or two (measured in
   * bench/faults/reconnect-storm.sh): one database read answers all of them.
   */
  private final Coalescer<String, JsonObject> missedReads = new Coalescer<>();

  public EventRoutes(Access access, EventRepository events) {
    this.access = access;
    this.events = events;
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/jams/:jamId/events").handler(access.reader()).handler(this::missed);
  }

  private void missed(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long after = afterParam(ctx);
    missedReads.get(jamId + ":" + after, () -> load(jamId, after))
      .onSuccess(body -> Json.ok(ctx, body)).onFailure(ctx::fail);
  }

  private Future<JsonObject> load(long jamId, long after) {
    return events.bounds(jamId).compose(bounds -> {
      if (bounds == null) {
        throw ApiError.notFound("Jam");
      }
      long current = bounds[0];
      long oldest = bounds[1];
      if (after > current || after < oldest - 1 || current - after > MAX_REPLAY) {
        throw new ApiError(410, "events_expired", "Those events are no longer available; reload the jam");
      }
      return events.after(jamId, after, MAX_REPLAY).map(list -> {
        JsonArray array = new JsonArray();
        list.forEach(e -> array.add(e.toJson()));
        return new JsonObject().put("events", array).put("seq", current);
      });
    });
  }

  private static long afterParam(RoutingContext ctx) {
    String raw = ctx.queryParams().get("after");
    if (raw == null) {
      throw ApiError.invalid("after", "after is required: the last seq you applied");
    }
    try {
      long after = Long.parseLong(raw);
      if (after >= 0) {
        return after;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.invalid("after", "after must be a whole number, 0 or more");
  }
}

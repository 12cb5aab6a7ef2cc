package io.jamanager.attendee;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.audit.Audit;
import io.jamanager.auth.Access;
import io.jamanager.auth.Tokens;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Fields;
import io.jamanager.http.Json;
import io.jamanager.http.Throttle;
import io.jamanager.jam.JamRepository;
import io.jamanager.live.Live;
import io.jamanager.queue.QueueRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Joining a jam with a name, and the host's view and removal of the people in it. */
public final class AttendeeRoutes implements ApiRoutes {

  private final Access access;
  private final JamRepository jams;
  private final AttendeeRepository attendees;
  private final Live live;

  private final Throttle throttle;

  public AttendeeRoutes(Access access, JamRepository jams, AttendeeRepository attendees, Live live, Throttle throttle) {
    this.throttle = throttle;
    this.access = access;
    this.jams = jams;
    this.attendees = attendees;
    this.live = live;
  }

  @Override
  public void mount(Router router) {
    router.post(API + "/jams/:jamRef/attendees").handler(throttle.join()).handler(this::join);
    router.get(API + "/jams/:jamId/attendees").handler(access.host()).handler(this::list);
    router.delete(API + "/jams/:jamId/attendees/:attendeeId").handler(access.host()).handler(this::remove);
  }

  private void join(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String name = Fields.text(body, "name", 40, true);
    List<String> instruments = Fields.strings(body, "instruments", 10, 30);
    String ref = ctx.pathParam("jamRef");
    jams.find(ref).compose(jam -> {
      if (jam == null) {
        throw ApiError.notFound("Jam");
      }
      if (jam.status().equals("ended")) {
        throw ApiError.conflict("jam_ended", "This jam has ended");
      }
      return live.write(tx -> AttendeeRepository.insert(tx.conn(), jam.id(), name, instruments).compose(id -> {
        if (id == null) {
          throw ApiError.conflict("name_taken", "Someone called " + name + " has already joined; add an initial or pick another name");
        }
        JsonObject attendee = new JsonObject().put("id", id).put("name", name).put("instruments", new JsonArray(instruments));
        tx.emitToHost(jam.id(), "attendee.joined", new JsonObject().put("attendee", attendee));
        return AttendeeRepository.count(tx.conn(), jam.id())
          .compose(count -> tx.emit(jam.id(), "attendees.count", new JsonObject().put("count", count)))
          .map(v -> {
            Tokens.Issued token = access.tokens().attendee(jam.id(), id);
            return new JsonObject().put("attendee", attendee).put("token", token.token())
              .put("expiresAt", token.expiresAt().toString()).put("jamId", jam.id()).put("slug", jam.slug());
          });
      }));
    }).onSuccess(answer -> Json.created(ctx, answer)).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    jams.json(jamId)
      .compose(jam -> {
        if (jam == null) {
          throw ApiError.notFound("Jam");
        }
        return attendees.list(jamId);
      })
      .onSuccess(list -> Json.ok(ctx, list)).onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long attendeeId = Access.longParam(ctx, "attendeeId", "Attendee");
    boolean ban = "true".equals(ctx.queryParams().get("ban"));
    live.write(tx -> AttendeeRepository.remove(tx.conn(), jamId, attendeeId, ban).compose(found -> {
        if (!found) {
          throw ApiError.notFound("Attendee");
        }
        tx.emitToHost(jamId, "attendee.removed", new JsonObject().put("attendeeId", attendeeId).put("banned", ban));
        return Audit.record(tx.conn(), ctx, ban ? "attendee.ban" : "attendee.remove", jamId,
            new JsonObject().put("attendeeId", attendeeId))
          .compose(v -> QueueRepository.items(tx.conn(), jamId))
          .compose(items -> tx.emit(jamId, "queue.replaced", new JsonObject().put("items", items)))
          .compose(e -> AttendeeRepository.count(tx.conn(), jamId))
          .compose(count -> tx.emit(jamId, "attendees.count", new JsonObject().put("count", count)));
      }))
      .onSuccess(e -> Json.noContent(ctx))
      .onFailure(ctx::fail);
  }

}

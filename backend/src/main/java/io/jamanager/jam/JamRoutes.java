package io.jamanager.jam;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.attendee.AttendeeRepository;
import io.jamanager.audit.Audit;
import io.jamanager.auth.Access;
import io.jamanager.auth.Principal;
import io.jamanager.auth.Tokens;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Fields;
import io.jamanager.http.Json;
import io.jamanager.live.Live;
import io.jamanager.qr.QrCodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Jams: the public list, snapshots, the host's edits, start/end, stage links, QR codes and the setlist. */
public final class JamRoutes implements ApiRoutes {

  static final Pattern KEY = Pattern.compile("[A-G][#b]?m?");

  private final Vertx vertx;
  private final Access access;
  private final JamRepository jams;
  private final AttendeeRepository attendees;
  private final Live live;
  private final String publicUrl;

  public JamRoutes(Vertx vertx, Access access, JamRepository jams, AttendeeRepository attendees, Live live,
                   String publicUrl) {
    this.vertx = vertx;
    this.access = access;
    this.jams = jams;
    this.attendees = attendees;
    this.live = live;
    this.publicUrl = publicUrl;
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/jams").handler(access.optional()).handler(this::list);
    router.post(API + "/jams").handler(access.host()).handler(this::create);
    router.get(API + "/jams/:jamRef").handler(access.optional()).handler(this::snapshot);
    router.patch(API + "/jams/:jamId").handler(access.host()).handler(this::update);
    router.delete(API + "/jams/:jamId").handler(access.host()).handler(this::delete);
    router.post(API + "/jams/:jamId/start").handler(access.host()).handler(ctx -> changeStatus(ctx, "live"));
    router.post(API + "/jams/:jamId/end").handler(access.host()).handler(ctx -> changeStatus(ctx, "ended"));
    router.post(API + "/jams/:jamId/stage-link").handler(access.host()).handler(this::stageLink);
    router.get(API + "/jams/:jamId/setlist").handler(access.host()).handler(this::setlist);
    router.get(API + "/jams/:jamId/qr.svg").handler(ctx -> qr(ctx, false));
    router.get(API + "/jams/:jamId/qr.png").handler(ctx -> qr(ctx, true));
  }

  private JsonObject withJoinUrl(JsonObject jam) {
    return JamRepository.withJoinUrl(jam, publicUrl);
  }

  private void list(RoutingContext ctx) {
    Principal p = Access.principal(ctx);
    boolean host = p != null && p.isHost();
    boolean all = "true".equals(ctx.queryParams().get("all"));
    if (all && !host) {
      throw ApiError.forbidden("host_only", "Only the host can list every jam");
    }
    jams.listedPublicly()
      .compose(listed -> {
        if (!listed && !host) {
          throw ApiError.forbidden("feature_disabled", "The list of jams is not public; use your jam's link or code");
        }
        return jams.list(all);
      })
      .onSuccess(list -> {
        list.forEach(j -> withJoinUrl((JsonObject) j));
        Json.ok(ctx, list);
      })
      .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    JamRepository.NewJam jam = new JamRepository.NewJam(
      Fields.text(body, "name", 120, true),
      Fields.id(body, "venueId", false),
      Fields.dateTime(body, "startsAt", true),
      orEmpty(Fields.text(body, "description", 2000, false)),
      orDefault(Fields.integer(body, "maxSuggestionsPerAttendee", 0, 100, false), 3),
      orDefault(Fields.integer(body, "maxPerformancesPerAttendee", 0, 100, false), 3));
    jams.create(jam)
      .compose(id -> Audit.record(jams.pool(), ctx, "jam.create", id, new JsonObject().put("name", jam.name())).map(id))
      .compose(jams::json)
      .onSuccess(json -> Json.created(ctx, withJoinUrl(json)))
      .onFailure(ctx::fail);
  }

  private void snapshot(RoutingContext ctx) {
    String ref = ctx.pathParam("jamRef");
    if (ref.length() > 160) {
      throw ApiError.notFound("Jam");
    }
    Principal p = Access.principal(ctx);
    jams.snapshot(ref).compose(snapshot -> {
      if (snapshot == null) {
        throw ApiError.notFound("Jam");
      }
      JsonObject fields = snapshot.fields();
      long jamId = withJoinUrl(fields.getJsonObject("jam")).getLong("id");
      fields.put("viewerToken", access.tokens().viewer(jamId).token());
      if (p != null && p.isAttendeeOf(jamId)) {
        return attendees.me(jamId, p.attendeeId()).map(me -> me == null ? snapshot : snapshot.withMe(me));
      }
      return Future.succeededFuture(snapshot);
    }).onSuccess(s -> Json.ok(ctx, s.toBuffer())).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    JsonObject body = Json.body(ctx);
    Map<String, Object> columns = new LinkedHashMap<>();
    if (Fields.has(body, "name")) {
      columns.put("name", Fields.text(body, "name", 120, true));
    }
    if (Fields.has(body, "venueId")) {
      columns.put("venue_id", Fields.id(body, "venueId", false));
    }
    if (Fields.has(body, "startsAt")) {
      columns.put("starts_at", Fields.dateTime(body, "startsAt", true));
    }
    if (Fields.has(body, "description")) {
      columns.put("description", orEmpty(Fields.text(body, "description", 2000, false)));
    }
    if (Fields.has(body, "maxSuggestionsPerAttendee")) {
      columns.put("max_suggestions", Fields.integer(body, "maxSuggestionsPerAttendee", 0, 100, true));
    }
    if (Fields.has(body, "maxPerformancesPerAttendee")) {
      columns.put("max_performances", Fields.integer(body, "maxPerformancesPerAttendee", 0, 100, true));
    }
    if (Fields.has(body, "votingOpen")) {
      columns.put("voting_open", required(Fields.bool(body, "votingOpen"), "votingOpen"));
    }
    if (Fields.has(body, "suggestionsOpen")) {
      columns.put("suggestions_open", required(Fields.bool(body, "suggestionsOpen"), "suggestionsOpen"));
    }
    if (Fields.has(body, "playKey")) {
      String key = Fields.text(body, "playKey", 8, false);
      if (key != null && !key.isEmpty() && !KEY.matcher(key).matches()) {
        throw ApiError.invalid("playKey", "playKey must be a key such as C, F#m or Bb");
      }
      columns.put("play_key", key == null || key.isEmpty() ? null : key);
    }
    if (Fields.has(body, "requireApproval")) {
      columns.put("require_approval", required(Fields.bool(body, "requireApproval"), "requireApproval"));
    }
    if (Fields.has(body, "preferNewPlayers")) {
      columns.put("prefer_new_players", required(Fields.bool(body, "preferNewPlayers"), "preferNewPlayers"));
    }
    if (Fields.has(body, "capo")) {
      columns.put("capo", Fields.integer(body, "capo", 0, 11, true));
    }
    if (columns.isEmpty()) {
      throw ApiError.badRequest("nothing_to_change", "Send at least one field to change", null);
    }
    writeJam(ctx, jamId, columns, "jam.update");
  }

  private void changeStatus(RoutingContext ctx, String status) {
    writeJam(ctx, Access.jamId(ctx), Map.of("status", status), status.equals("live") ? "jam.start" : "jam.end");
  }

  /** Changes the jam and tells everyone following it, in one transaction. */
  private void writeJam(RoutingContext ctx, long jamId, Map<String, Object> columns, String action) {
    JsonObject changes = new JsonObject();
    columns.forEach((k, v) -> changes.put(k, v == null ? null : v.toString()));
    live.write(tx -> JamRepository.update(tx.conn(), jamId, columns)
        .compose(found -> {
          if (!found) {
            throw ApiError.notFound("Jam");
          }
          return "ended".equals(columns.get("status")) ? JamRepository.finishPlaying(tx.conn(), jamId) : Future.succeededFuture();
        })
        .compose(v -> Audit.record(tx.conn(), ctx, action, jamId, changes))
        .compose(v -> JamRepository.json(tx.conn(), jamId))
        .compose(jam -> tx.emit(jamId, "jam.updated", new JsonObject().put("jam", withJoinUrl(jam))).map(jam)))
      .onSuccess(jam -> Json.ok(ctx, jam))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    jams.delete(jamId)
      .compose(found -> !found ? Future.succeededFuture(false)
        : Audit.record(jams.pool(), ctx, "jam.delete", jamId, new JsonObject()).map(true))
      .onSuccess(found -> {
        if (!found) {
          ctx.fail(ApiError.notFound("Jam"));
        } else {
          Json.noContent(ctx);
        }
      })
      .onFailure(ctx::fail);
  }

  private void stageLink(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    jams.json(jamId).onSuccess(jam -> {
      if (jam == null) {
        ctx.fail(ApiError.notFound("Jam"));
        return;
      }
      Tokens.Issued stage = access.tokens().stage(jamId);
      // The token travels in the fragment, which browsers never send to servers or in Referer headers.
      String url = publicUrl + "/jams/" + jam.getString("slug") + "/stage#token=" + stage.token();
      Json.ok(ctx, new JsonObject().put("url", url).put("token", stage.token()).put("expiresAt", stage.expiresAt().toString()));
    }).onFailure(ctx::fail);
  }

  private void setlist(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    String format = ctx.queryParams().get("format");
    if (format != null && !format.equals("json") && !format.equals("csv")) {
      throw ApiError.invalid("format", "format must be json or csv");
    }
    jams.json(jamId).compose(jam -> {
      if (jam == null) {
        throw ApiError.notFound("Jam");
      }
      return jams.setlist(jamId).map(items -> new JsonObject().put("jam", jam).put("songs", items));
    }).onSuccess(setlist -> {
      if ("csv".equals(format)) {
        ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"setlist-" + setlist.getJsonObject("jam").getString("slug") + ".csv\"")
          .end(Setlist.csv(setlist.getJsonArray("songs")));
      } else {
        Json.ok(ctx, setlist);
      }
    }).onFailure(ctx::fail);
  }

  private void qr(RoutingContext ctx, boolean png) {
    long jamId = Access.jamId(ctx);
    jams.json(jamId).compose(jam -> {
      if (jam == null) {
        throw ApiError.notFound("Jam");
      }
      String url = withJoinUrl(jam).getString("joinUrl");
      return vertx.executeBlocking(() -> png ? Buffer.buffer(QrCodes.png(url, 512)) : Buffer.buffer(QrCodes.svg(url)));
    }).onSuccess(image -> ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, png ? "image/png" : "image/svg+xml")
      .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
      .end(image)).onFailure(ctx::fail);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static int orDefault(Integer v, int fallback) {
    return v == null ? fallback : v;
  }

  private static <T> T required(T v, String field) {
    if (v == null) {
      throw ApiError.invalid(field, field + " must be true or false");
    }
    return v;
  }
}

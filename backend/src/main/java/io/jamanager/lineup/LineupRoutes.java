package io.jamanager.lineup;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.audit.Audit;
import io.jamanager.auth.Access;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Fields;
import io.jamanager.http.Json;
import io.jamanager.live.Live;
import io.jamanager.live.Tx;
import io.jamanager.queue.QueueRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/**
 * Line-ups: the host sees a song's volunteers in the fair order and confirms them in one tap, skips a
 * performer who is not there (the next on the bench gets the slot), and anyone following the jam can
 * read what each person has played tonight.
 */
public final class LineupRoutes implements ApiRoutes {

  private static final String LINEUP = "/jams/:jamId/queue/:itemId/lineup";

  private final Access access;
  private final Live live;
  private final Pool pool;

  public LineupRoutes(Access access, Live live, Pool pool) {
    this.access = access;
    this.live = live;
    this.pool = pool;
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/jams/:jamId/played").handler(access.reader()).handler(this::played);
    router.get(API + LINEUP).handler(access.runner()).handler(this::lineup);
    router.post(API + LINEUP + "/confirm").handler(access.runner()).handler(this::confirm);
    router.post(API + LINEUP + "/skip").handler(access.runner()).handler(this::skip);
  }

  private static long itemId(RoutingContext ctx) {
    return Access.longParam(ctx, "itemId", "Song in the queue");
  }

  private void played(RoutingContext ctx) {
    LineupRepository.played(pool, Access.jamId(ctx)).onSuccess(counts -> Json.ok(ctx, counts)).onFailure(ctx::fail);
  }

  private void lineup(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    LineupRepository.confirmed(pool, jamId, itemId)
      .compose(confirmed -> {
        if (confirmed == null) {
          throw ApiError.notFound("Song in the queue");
        }
        return LineupRepository.lineup(pool, jamId, itemId).map(volunteers -> new JsonObject().put("itemId", itemId)
          .put("lineupConfirmed", confirmed).put("volunteers", volunteers));
      })
      .onSuccess(answer -> Json.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  private void confirm(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    live.write(tx -> lockOpenItem(tx, jamId, itemId)
        .compose(v -> LineupRepository.confirm(tx.conn(), jamId, itemId))
        .compose(v -> Audit.record(tx.conn(), ctx, "lineup.confirm", jamId, new JsonObject().put("itemId", itemId)))
        .compose(v -> lineupChanged(tx, jamId, itemId, new JsonObject())))
      .onSuccess(answer -> Json.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  /** The performer is not there: off the song, and each slot they held goes to the next on that instrument's bench. */
  private void skip(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    long attendeeId = Fields.id(Json.body(ctx), "attendeeId", true);
    JsonArray promoted = new JsonArray();
    live.write(tx -> lockOpenItem(tx, jamId, itemId)
        .compose(v -> LineupRepository.remove(tx.conn(), itemId, attendeeId))
        .compose(freed -> {
          if (freed.isEmpty()) {
            throw ApiError.notFound("Performer on this song");
          }
          Future<Void> chain = Future.succeededFuture();
          for (LineupRepository.Freed slot : freed) {
            if (slot.wasIn()) {
              chain = chain.compose(v -> LineupRepository.promote(tx.conn(), jamId, itemId, slot.instrument())
                .map(moved -> {
                  promoted.addAll(moved);
                  return null;
                }));
            }
          }
          return chain;
        })
        .compose(v -> Audit.record(tx.conn(), ctx, "lineup.skip", jamId,
          new JsonObject().put("itemId", itemId).put("attendeeId", attendeeId).put("promoted", promoted)))
        .compose(v -> lineupChanged(tx, jamId, itemId,
          new JsonObject().put("skipped", attendeeId).put("promoted", promoted))))
      .onSuccess(answer -> Json.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  private static Future<Void> lockOpenItem(Tx tx, long jamId, long itemId) {
    return LineupRepository.lockItem(tx.conn(), jamId, itemId).map(status -> {
      if (status == null) {
        throw ApiError.notFound("Song in the queue");
      }
      if (!status.equals("queued") && !status.equals("playing")) {
        throw ApiError.conflict("not_open", "This song has already been played");
      }
      return null;
    });
  }

  /** Emits the song's new line-up, {itemId, performers, lineupConfirmed} plus what changed, and answers it. */
  private static Future<JsonObject> lineupChanged(Tx tx, long jamId, long itemId, JsonObject extra) {
    return QueueRepository.item(tx.conn(), itemId).compose(item -> {
      JsonObject data = new JsonObject().put("itemId", itemId).put("performers", item.getJsonArray("performers"))
        .put("lineupConfirmed", item.getBoolean("lineupConfirmed")).mergeIn(extra);
      return tx.emit(jamId, "lineup.changed", data).map(data);
    });
  }
}

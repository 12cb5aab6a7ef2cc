package io.jamanager.queue;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.audit.Audit;
import io.jamanager.auth.Access;
import io.jamanager.auth.Principal;
import io.jamanager.auth.Role;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Fields;
import io.jamanager.http.Json;
import io.jamanager.http.Throttle;
import io.jamanager.lineup.LineupRepository;
import io.jamanager.live.Live;
import io.jamanager.live.Tx;
import io.jamanager.song.SongLinks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The queue of a jam: suggestions, votes, performer sign-ups, and the now-playing controls of the host and co-hosts. */
public final class QueueRoutes implements ApiRoutes {

  private static final Pattern KEY = Pattern.compile("[A-G][#b]?m?");
  private static final String ITEM = "/jams/:jamId/queue/:itemId";
  private static final int MAX_REORDER = 200;

  private final Access access;
  private final Live live;
  private final Pool pool;

  private final Throttle throttle;

  public QueueRoutes(Access access, Live live, Pool pool, Throttle throttle) {
    this.throttle = throttle;
    this.access = access;
    this.live = live;
    this.pool = pool;
  }

  @Override
  public void mount(Router router) {
    router.post(API + "/jams/:jamId/queue").handler(access.participant()).handler(throttle.write()).handler(this::suggest);
    router.get(API + "/jams/:jamId/queue/pending").handler(access.runner()).handler(this::pending);
    router.post(API + ITEM + "/approve").handler(access.runner()).handler(this::approve);
    router.put(API + "/jams/:jamId/queue/order").handler(access.runner()).handler(this::reorder);
    router.patch(API + ITEM).handler(access.runner()).handler(this::update);
    router.delete(API + ITEM).handler(access.runner()).handler(this::remove);
    router.post(API + ITEM + "/vote").handler(access.attendee()).handler(throttle.write()).handler(ctx -> vote(ctx, true));
    router.delete(API + ITEM + "/vote").handler(access.attendee()).handler(throttle.write()).handler(ctx -> vote(ctx, false));
    router.post(API + ITEM + "/performers").handler(access.attendee()).handler(throttle.write()).handler(this::signUp);
    router.delete(API + ITEM + "/performers/:instrument").handler(access.attendee()).handler(throttle.write()).handler(this::withdraw);
    router.get(API + ITEM + "/sheet").handler(access.reader()).handler(this::sheet);
    router.post(API + "/jams/:jamId/now-playing").handler(access.runner()).handler(this::nowPlaying);
    router.post(API + "/jams/:jamId/next").handler(access.runner()).handler(ctx -> advance(ctx, "played"));
    router.post(API + "/jams/:jamId/skip").handler(access.runner()).handler(ctx -> advance(ctx, "skipped"));
  }

  private static long itemId(RoutingContext ctx) {
    return Access.longParam(ctx, "itemId", "Song in the queue");
  }

  private void suggest(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    Principal p = Access.principal(ctx);
    JsonObject body = Json.body(ctx);
    Long songId = Fields.id(body, "songId", false);
    String title = songId == null ? Fields.text(body, "title", 200, true) : null;
    String artist = songId == null ? orEmpty(Fields.text(body, "artist", 200, false)) : null;
    String link = songId == null ? Fields.httpsLink(body, "link") : null;
    String chordText = songId == null ? emptyToNull(Fields.multiline(body, "chordText", 50_000)) : null;
    Long attendeeId = p.role() == Role.ATTENDEE ? p.attendeeId() : null;

    boolean[] pending = new boolean[1];
    live.write(tx -> QueueRepository.rules(tx.conn(), jamId, "suggestions")
        .compose(rules -> {
          if (rules == null) {
            throw ApiError.notFound("Jam");
          }
          if (!rules.flag()) {
            throw ApiError.forbidden("feature_disabled", "Song suggestions are switched off");
          }
          if ("ended".equals(rules.status())) {
            throw ApiError.conflict("jam_ended", "This jam has ended");
          }
          if (attendeeId == null) {
            return Future.succeededFuture();
          }
          if (!rules.suggestionsOpen()) {
            throw ApiError.forbidden("suggestions_closed", "The host has closed suggestions for now");
          }
          pending[0] = rules.requireApproval();
          return QueueRepository.lockAttendee(tx.conn(), attendeeId)
            .compose(v -> QueueRepository.suggestedBy(tx.conn(), jamId, attendeeId))
            .map(used -> {
              if (used >= rules.maxSuggestions()) {
                throw ApiError.conflict("suggestion_limit",
                  "You have used all " + rules.maxSuggestions() + " of your suggestions for this jam");
              }
              return null;
            });
        })
        .compose(v -> songId == null ? Future.succeededFuture(new String[] {title, artist})
          : QueueRepository.song(tx.conn(), songId))
        .compose(names -> {
          if (names == null) {
            throw ApiError.invalid("songId", "There is no song " + songId + " in the library");
          }
          return QueueRepository.alreadyQueued(tx.conn(), jamId, songId, names[0], names[1]).compose(dup -> {
            if (dup) {
              throw ApiError.conflict("already_queued", "\"" + names[0] + "\" is already in the queue: vote for it instead");
            }
            return QueueRepository.insert(tx.conn(), jamId, songId, names[0], names[1], link, chordText, attendeeId,
              pending[0]);
          });
        })
        .compose(id -> QueueRepository.item(tx.conn(), id))
        .compose(item -> {
          if (pending[0]) {
            // Waits for the host: only the host console hears of it until it is accepted.
            tx.emitToHost(jamId, "queue.pending", new JsonObject().put("item", item));
            return Future.succeededFuture(item);
          }
          return tx.emit(jamId, "queue.added", new JsonObject().put("item", item)).map(item);
        }))
      .onSuccess(item -> Json.created(ctx, item))
      .onFailure(ctx::fail);
  }

  private void vote(RoutingContext ctx, boolean up) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    long attendeeId = Access.principal(ctx).attendeeId();
    live.write(tx -> QueueRepository.vote(tx.conn(), jamId, itemId, attendeeId, up).compose(result -> {
        if (!result.allowed()) {
          return explainVoteRefusal(tx, jamId, itemId);
        }
        JsonObject answer = new JsonObject().put("voted", up).put("votes", result.votes());
        if (!result.changed()) {
          return Future.succeededFuture(answer);
        }
        return tx.emit(jamId, "vote.changed", new JsonObject().put("itemId", itemId).put("votes", result.votes()))
          .map(answer);
      }))
      .onSuccess(answer -> Json.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  private Future<JsonObject> explainVoteRefusal(Tx tx, long jamId, long itemId) {
    return QueueRepository.itemRules(tx.conn(), jamId, itemId, "voting").map(rules -> {
      if (rules == null) {
        throw ApiError.notFound("Song in the queue");
      }
      if (!rules.flag()) {
        throw ApiError.forbidden("feature_disabled", "Voting is switched off");
      }
      if (!rules.votingOpen()) {
        throw ApiError.forbidden("voting_closed", "The host has locked voting for now");
      }
      throw ApiError.conflict("not_votable", "You can only vote for songs still waiting in the queue");
    });
  }

  private void signUp(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    long attendeeId = Access.principal(ctx).attendeeId();
    String instrument = Fields.text(Json.body(ctx), "instrument", 30, true);
    live.write(tx -> QueueRepository.itemRules(tx.conn(), jamId, itemId, "performer_signup")
        .compose(rules -> {
          if (rules == null) {
            throw ApiError.notFound("Song in the queue");
          }
          if (!rules.flag()) {
            throw ApiError.forbidden("feature_disabled", "Signing up to play is switched off");
          }
          if (!rules.status().equals("queued") && !rules.status().equals("playing")) {
            throw ApiError.conflict("not_open", "This song has already been played");
          }
          return QueueRepository.lockAttendee(tx.conn(), attendeeId)
            .compose(v -> QueueRepository.signedUp(tx.conn(), itemId, attendeeId, instrument))
            .compose(already -> already ? Future.succeededFuture(false)
              : QueueRepository.performancesOf(tx.conn(), jamId, attendeeId).compose(used -> {
                if (used >= rules.maxPerformances()) {
                  throw ApiError.conflict("performance_limit",
                    "You have signed up " + used + " times, the most this jam allows");
                }
                // The song's lock decides who takes its last slot: one taker at a time, the rest go to the bench.
                return LineupRepository.lockItem(tx.conn(), jamId, itemId)
                  .compose(status -> LineupRepository.take(tx.conn(), itemId, attendeeId, instrument))
                  .map(true);
              }));
        })
        .compose(changed -> performersChanged(tx, jamId, itemId, changed)))
      .onSuccess(performers -> Json.created(ctx, new JsonObject().put("performers", performers)))
      .onFailure(ctx::fail);
  }

  private void withdraw(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    long attendeeId = Access.principal(ctx).attendeeId();
    String instrument = ctx.pathParam("instrument");
    live.write(tx -> QueueRepository.itemRules(tx.conn(), jamId, itemId, "performer_signup")
        .compose(rules -> {
          if (rules == null) {
            throw ApiError.notFound("Song in the queue");
          }
          return LineupRepository.lockItem(tx.conn(), jamId, itemId)
            .compose(status -> QueueRepository.withdraw(tx.conn(), itemId, attendeeId, instrument))
            .compose(changed -> !changed ? Future.succeededFuture(false)
              : LineupRepository.promote(tx.conn(), jamId, itemId, instrument).map(true));
        })
        .compose(changed -> performersChanged(tx, jamId, itemId, changed)))
      .onSuccess(performers -> Json.ok(ctx, new JsonObject().put("performers", performers)))
      .onFailure(ctx::fail);
  }

  private Future<JsonArray> performersChanged(Tx tx, long jamId, long itemId, boolean changed) {
    return QueueRepository.performers(tx.conn(), itemId).compose(performers -> !changed ? Future.succeededFuture(performers)
      : tx.emit(jamId, "performers.changed", new JsonObject().put("itemId", itemId).put("performers", performers))
        .map(performers));
  }

  private void update(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    JsonObject body = Json.body(ctx);
    Map<String, Object> columns = new LinkedHashMap<>();
    if (Fields.has(body, "pinned")) {
      Boolean pinned = Fields.bool(body, "pinned");
      columns.put("pinned", pinned != null && pinned);
    }
    if (Fields.has(body, "position")) {
      columns.put("position", Fields.integer(body, "position", -100_000, 100_000, true));
    }
    if (Fields.has(body, "openSlots")) {
      columns.put("open_slots", Fields.strings(body, "openSlots", 10, 30).toArray(String[]::new));
    }
    if (Fields.has(body, "key")) {
      String key = Fields.text(body, "key", 8, false);
      if (key != null && !key.isEmpty() && !KEY.matcher(key).matches()) {
        throw ApiError.invalid("key", "key must be a key such as C, F#m or Bb");
      }
      columns.put("key", emptyToNull(key));
    }
    if (Fields.has(body, "title")) {
      columns.put("title", Fields.text(body, "title", 200, true));
    }
    if (Fields.has(body, "artist")) {
      columns.put("artist", orEmpty(Fields.text(body, "artist", 200, false)));
    }
    if (columns.isEmpty()) {
      throw ApiError.badRequest("nothing_to_change", "Send at least one field to change", null);
    }
    JsonObject changes = new JsonObject().put("itemId", itemId).put("fields", new JsonArray(List.copyOf(columns.keySet())));
    live.write(tx -> QueueRepository.update(tx.conn(), jamId, itemId, columns)
        .compose(found -> {
          if (!found) {
            throw ApiError.notFound("Song in the queue");
          }
          return Audit.record(tx.conn(), ctx, "queue.update", jamId, changes);
        })
        .compose(v -> QueueRepository.item(tx.conn(), itemId))
        .compose(item -> tx.emit(jamId, "queue.updated", new JsonObject().put("item", item)).map(item)))
      .onSuccess(item -> Json.ok(ctx, item))
      .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    live.write(tx -> QueueRepository.delete(tx.conn(), jamId, itemId).compose(found -> {
        if (!found) {
          throw ApiError.notFound("Song in the queue");
        }
        return Audit.record(tx.conn(), ctx, "queue.remove", jamId, new JsonObject().put("itemId", itemId))
          .compose(v -> tx.emit(jamId, "queue.removed", new JsonObject().put("itemId", itemId)));
      }))
      .onSuccess(e -> Json.noContent(ctx))
      .onFailure(ctx::fail);
  }

  /** Places several songs at once (a drag on the host console): pins them at the given positions, one event. */
  private void reorder(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    Object raw = Json.body(ctx).getValue("items");
    if (!(raw instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_REORDER) {
      throw ApiError.invalid("items", "items must be a list of 1 to " + MAX_REORDER + " {id, position}");
    }
    List<Long> ids = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (Object entry : list) {
      if (!(entry instanceof JsonObject move)) {
        throw ApiError.invalid("items", "items must contain {id, position} objects");
      }
      long id = Fields.id(move, "id", true);
      if (ids.contains(id)) {
        throw ApiError.invalid("items", "song " + id + " is listed twice");
      }
      ids.add(id);
      positions.add(Fields.integer(move, "position", -100_000, 100_000, true));
    }
    live.write(tx -> QueueRepository.pinAt(tx.conn(), jamId, ids, positions).compose(moved -> {
        if (moved != ids.size()) {
          throw ApiError.conflict("not_in_queue", "Some of these songs are no longer waiting in the queue; reload and try again");
        }
        JsonArray items = new JsonArray();
        for (int i = 0; i < ids.size(); i++) {
          items.add(new JsonObject().put("id", ids.get(i)).put("pinned", true).put("position", positions.get(i)));
        }
        return Audit.record(tx.conn(), ctx, "queue.reorder", jamId, new JsonObject().put("items", items))
          .compose(v -> tx.emit(jamId, "queue.reordered", new JsonObject().put("items", items)))
          .map(new JsonObject().put("items", items));
      }))
      .onSuccess(answer -> Json.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  private void pending(RoutingContext ctx) {
    QueueRepository.pending(pool, Access.jamId(ctx)).onSuccess(items -> Json.ok(ctx, items)).onFailure(ctx::fail);
  }

  private void approve(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    live.write(tx -> QueueRepository.approve(tx.conn(), jamId, itemId)
        .compose(found -> {
          if (!found) {
            throw ApiError.notFound("Pending suggestion");
          }
          return Audit.record(tx.conn(), ctx, "queue.approve", jamId, new JsonObject().put("itemId", itemId));
        })
        .compose(v -> QueueRepository.item(tx.conn(), itemId))
        .compose(item -> tx.emit(jamId, "queue.added", new JsonObject().put("item", item)).map(item)))
      .onSuccess(item -> Json.ok(ctx, item))
      .onFailure(ctx::fail);
  }

  private void sheet(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = itemId(ctx);
    QueueRepository.sheet(pool, jamId, itemId).onSuccess(sheet -> {
      if (sheet == null) {
        ctx.fail(ApiError.notFound("Song in the queue"));
        return;
      }
      if (!sheet.sheetsEnabled()) {
        ctx.fail(ApiError.forbidden("feature_disabled", "Chord sheets are switched off"));
        return;
      }
      Json.ok(ctx, new JsonObject().put("title", sheet.title()).put("artist", sheet.artist()).put("key", sheet.key())
        .put("link", sheet.link()).put("chordText", sheet.chordText())
        .put("searchUrl", SongLinks.ultimateGuitarSearch(sheet.title(), sheet.artist())));
    }).onFailure(ctx::fail);
  }

  private void nowPlaying(RoutingContext ctx) {
    long jamId = Access.jamId(ctx);
    long itemId = Fields.id(Json.body(ctx), "itemId", true);
    changeNowPlaying(ctx, jamId, "played", tx -> Future.succeededFuture(itemId));
  }

  private void advance(RoutingContext ctx, String finishedAs) {
    long jamId = Access.jamId(ctx);
    changeNowPlaying(ctx, jamId, finishedAs, tx -> QueueRepository.nextUp(tx.conn(), jamId));
  }

  /** Finishes the current song (played or skipped) and starts the chosen one, as one event. */
  private void changeNowPlaying(RoutingContext ctx, long jamId, String finishedAs,
                                java.util.function.Function<Tx, Future<Long>> chooseNext) {
    live.write(tx -> QueueRepository.rules(tx.conn(), jamId, "voting").compose(rules -> {
        if (rules == null) {
          throw ApiError.notFound("Jam");
        }
        return chooseNext.apply(tx);
      }).compose(next -> {
        List<Long> changed = new ArrayList<>();
        return QueueRepository.finishCurrent(tx.conn(), jamId, finishedAs)
          .compose(previous -> {
            if (previous != null) {
              changed.add(previous);
            }
            if (next == null) {
              if (previous == null) {
                throw ApiError.conflict("queue_empty", "There is no song waiting in the queue");
              }
              return Future.succeededFuture(true);
            }
            changed.add(next);
            return QueueRepository.play(tx.conn(), jamId, next);
          })
          .compose(found -> {
            if (!found) {
              throw ApiError.notFound("Song in the queue");
            }
            return itemsById(tx, changed);
          })
          .compose(items -> {
            JsonObject nowPlaying = next == null ? null : items.stream().map(o -> (JsonObject) o)
              .filter(i -> i.getLong("id") == (long) next).findFirst().orElse(null);
            JsonObject data = new JsonObject().put("items", items);
            return Audit.record(tx.conn(), ctx, "nowplaying." + finishedAs, jamId, new JsonObject().put("itemId", next))
              .compose(v -> tx.emit(jamId, "nowplaying.changed", data))
              .map(new JsonObject().put("nowPlaying", nowPlaying).put("items", items));
          });
      }))
      .onSuccess(answer -> Json.ok(ctx, answer))
      .onFailure(ctx::fail);
  }

  private static Future<JsonArray> itemsById(Tx tx, List<Long> ids) {
    JsonArray items = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (long id : ids) {
      chain = chain.compose(v -> QueueRepository.item(tx.conn(), id).map(item -> {
        items.add(item);
        return null;
      }));
    }
    return chain.map(items);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}

package io.jamanager.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One attendee's phone following a jam as the SPA does (frontend/src/api/live.ts, stores/jamStore.ts):
 * the snapshot, then the live stream with the viewer token, events applied strictly in seq order; a gap
 * waits {@link #GAP_WAIT_MS} and then asks {@code events?after=}, as does every (re)registration; a 410
 * reloads the snapshot. A closed socket reconnects through the same port with the bridge client's
 * backoff. Everything runs on the driver's one event loop.
 */
final class Phone implements BridgeSocket.Listener {

  /** The SPA's config: GAP_WAIT_MS, and live.ts's vertxbus_* options (the client's exponent 2, randomisation 0.5). */
  static final long GAP_WAIT_MS = 300;
  static final long RECONNECT_MIN_MS = 500;
  static final long RECONNECT_MAX_MS = 5_000;
  private static final long FETCH_RETRY_MS = 1_000;

  /** Where a live vote.changed of the probe item goes, to be matched with the vote's answer. */
  interface ProbeSink {
    void arrived(long jamId, long itemId, int votes, long nanos);
  }

  private final Vertx vertx;
  private final WebSocketClient ws;
  private final Rest rest;
  private final JsonObject jam;
  private final long jamId;
  final int port;
  private final ProbeSink probes;
  private final Timeline timeline;
  private final long pingIntervalMs;

  private long applied;
  private final Map<Long, Integer> votes = new HashMap<>();
  private final TreeMap<Long, JsonObject> pending = new TreeMap<>();
  private BridgeSocket socket;
  private boolean opened;
  private boolean stopping;
  private int attempts;
  private long pingTimer = -1;
  private long gapTimer = -1;
  private boolean fetching;
  private long lastLive;
  private long lastApplyNanos = System.nanoTime();

  private long darkSince = -1;
  private long reopenedAt = -1;
  int disconnects;
  int duplicates;
  int outOfOrder;
  int gaps;
  int gapFetches;
  int fetchFailures;
  int reloads;
  int rejected;
  long darkMaxNanos;
  long darkTotalNanos;
  final Stats timeToCurrent = new Stats();
  final Stats dark = new Stats();

  Phone(Vertx vertx, WebSocketClient ws, Rest rest, JsonObject jam, int port, ProbeSink probes, Timeline timeline,
        long pingIntervalMs) {
    this.vertx = vertx;
    this.ws = ws;
    this.rest = rest;
    this.jam = jam;
    this.jamId = jam.getLong("id");
    this.port = port;
    this.probes = probes;
    this.timeline = timeline;
    this.pingIntervalMs = pingIntervalMs;
  }

  /** Loads the snapshot and connects; the first load must work (the run has not started its faults yet). */
  Future<Void> start() {
    return loadSnapshot().onSuccess(v -> connect()).mapEmpty();
  }

  void stop() {
    stopping = true;
    vertx.cancelTimer(pingTimer);
    vertx.cancelTimer(gapTimer);
    if (socket != null) {
      socket.close();
    }
  }

  long jamId() {
    return jamId;
  }

  long seq() {
    return applied;
  }

  /** Connected, registered, caught up and nothing waiting. */
  boolean current() {
    return socket != null && !socket.closed() && opened && darkSince < 0 && pending.isEmpty() && !fetching;
  }

  long lastApplyNanos() {
    return lastApplyNanos;
  }

  boolean everOpened() {
    return opened;
  }

  JsonObject finalState() {
    JsonObject counts = new JsonObject();
    votes.forEach((item, n) -> counts.put(Long.toString(item), n));
    return new JsonObject().put("jam", jamId).put("port", port).put("seq", applied).put("votes", counts);
  }

  private void connect() {
    BridgeSocket.connect(ws, port, this).onSuccess(s -> socket = s).onFailure(err -> {
      timeline.phone(jamId, "connect_failed " + err.getMessage());
      scheduleReconnect();
    });
  }

  @Override
  public void onOpen(BridgeSocket s) {
    socket = s;
    boolean reconnect = opened;
    opened = true;
    attempts = 0;
    lastLive = 0;
    s.register("jam." + jamId, jam.getString("viewerToken"));
    s.ping();
    pingTimer = vertx.setPeriodic(pingIntervalMs, t -> s.ping());
    if (reconnect) {
      reopenedAt = System.nanoTime();
      timeline.phone(jamId, "reopened");
    }
    catchUp();
  }

  @Override
  public void onEvent(JsonObject event, long nanos) {
    long seq = event.getLong("seq");
    if (lastLive > 0) {
      if (seq == lastLive) {
        duplicates++;
      } else if (seq < lastLive) {
        outOfOrder++;
      } else if (seq > lastLive + 1) {
        gaps++;
        timeline.phone(jamId, "gap " + lastLive + " -> " + seq);
      }
    }
    lastLive = Math.max(lastLive, seq);
    if ("vote.changed".equals(event.getString("type"))) {
      JsonObject data = event.getJsonObject("data");
      probes.arrived(jamId, data.getLong("itemId"), data.getInteger("votes"), nanos);
    }
    offer(event);
  }

  @Override
  public void onError(JsonObject message) {
    rejected++;
    timeline.phone(jamId, "bridge error " + message.encode());
  }

  @Override
  public void onClose() {
    vertx.cancelTimer(pingTimer);
    if (stopping) {
      return;
    }
    disconnects++;
    timeline.phone(jamId, "closed");
    if (darkSince < 0) {
      darkSince = System.nanoTime();
    }
    scheduleReconnect();
  }

  /** vertx-eventbus.js: min · 2^attempts, ± rand · 0.5 of it (the sign from the same rand), capped. */
  private void scheduleReconnect() {
    if (stopping) {
      return;
    }
    double rand = ThreadLocalRandom.current().nextDouble();
    double ms = RECONNECT_MIN_MS * Math.pow(2, attempts);
    double deviation = Math.floor(rand * 0.5 * ms);
    ms = ((int) Math.floor(rand * 10) & 1) == 0 ? ms - deviation : ms + deviation;
    attempts++;
    vertx.setTimer(Math.max(1, (long) Math.min(ms, RECONNECT_MAX_MS)), t -> connect());
  }

  private void offer(JsonObject event) {
    long seq = event.getLong("seq");
    if (seq <= applied) {
      return;
    }
    pending.put(seq, event);
    drain();
    if (!pending.isEmpty() && gapTimer < 0 && !fetching) {
      gapTimer = vertx.setTimer(GAP_WAIT_MS, t -> {
        gapTimer = -1;
        if (!pending.isEmpty() && !fetching) {
          gapFetches++;
          catchUp();
        }
      });
    }
  }

  private void drain() {
    while (!pending.isEmpty() && pending.firstKey() <= applied + 1) {
      JsonObject event = pending.pollFirstEntry().getValue();
      if (event.getLong("seq") == applied + 1) {
        apply(event);
      }
    }
  }

  private void apply(JsonObject event) {
    applied = event.getLong("seq");
    lastApplyNanos = System.nanoTime();
    if ("vote.changed".equals(event.getString("type"))) {
      JsonObject data = event.getJsonObject("data");
      votes.put(data.getLong("itemId"), data.getInteger("votes"));
    }
  }

  private void catchUp() {
    if (fetching || stopping) {
      return;
    }
    fetching = true;
    rest.call(HttpMethod.GET, "/api/v1/jams/" + jamId + "/events?after=" + applied, null, jam.getString("viewerToken"))
      .onComplete(ar -> {
        fetching = false;
        if (ar.succeeded() && ar.result().status() == 200) {
          JsonObject answer = ar.result().json();
          for (Object e : answer.getJsonArray("events", new JsonArray())) {
            offer((JsonObject) e);
          }
          if (applied >= answer.getLong("seq")) {
            caughtUp();
          } else if (!pending.isEmpty()) {
            catchUp();
          }
        } else if (ar.succeeded() && ar.result().status() == 410) {
          reloads++;
          loadSnapshot().onComplete(v -> {
            if (v.succeeded()) {
              caughtUp();
            } else {
              fetchFailures++;
              vertx.setTimer(FETCH_RETRY_MS, t -> catchUp());
            }
          });
        } else {
          fetchFailures++;
          timeline.phone(jamId, "catch-up failed " + (ar.failed() ? ar.cause().getMessage() : ar.result().status()));
          vertx.setTimer(FETCH_RETRY_MS, t -> catchUp());
        }
      });
  }

  private void caughtUp() {
    drain();
    if (socket == null || socket.closed()) {
      return;
    }
    long now = System.nanoTime();
    if (darkSince >= 0) {
      long d = now - darkSince;
      darkTotalNanos += d;
      darkMaxNanos = Math.max(darkMaxNanos, d);
      dark.add(d);
      darkSince = -1;
    }
    if (reopenedAt >= 0) {
      timeToCurrent.add(now - reopenedAt);
      timeline.phone(jamId, "current after " + Stats.ms(now - reopenedAt) + " ms");
      reopenedAt = -1;
    }
  }

  private Future<Void> loadSnapshot() {
    return rest.call(HttpMethod.GET, "/api/v1/jams/" + jam.getString("slug"), null, jam.getString("viewerToken"))
      .map(answer -> {
        if (answer.status() != 200) {
          throw new IllegalStateException("snapshot of jam " + jamId + " answered " + answer.status());
        }
        JsonObject snapshot = answer.json();
        votes.clear();
        for (Object o : snapshot.getJsonArray("queue")) {
          JsonObject item = (JsonObject) o;
          votes.put(item.getLong("id"), item.getInteger("votes"));
        }
        applied = snapshot.getLong("seq");
        pending.headMap(applied, true).clear();
        lastApplyNanos = System.nanoTime();
        return null;
      });
  }
}

package io.jamanager.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One phone's live view of a jam, as the SPA keeps it (frontend/src/api/live.ts, stores/jamStore.ts):
 * a SockJS WebSocket session to the bridge that registers {@code jam.<id>} with a token, applies events
 * strictly in seq order, asks {@code events?after=} after every (re)registration and after a gap that
 * outlasts 300 ms (410: reload the snapshot), and reconnects with the bridge client's backoff: 500 ms ×
 * 2^attempt, ±50 % jitter, at most 5 s, attempts reset on open. The browser's SockJS client first asks
 * /eventbus/info; this one goes straight to the WebSocket transport.
 *
 * <p>Delivery latency is taken from the event's {@code at} (the write transaction's start, stamped by
 * PostgreSQL on this machine's clock) to its arrival: an upper bound of commit → arrival. Events that
 * came by resync are not latency samples. Confined to one event loop (its WebSocket's).
 */
final class LivePhone {

  static final long GAP_WAIT_MS = 300;
  static final long CATCH_UP_RETRY_MIN_MS = 1_000;
  static final long CATCH_UP_RETRY_MAX_MS = 15_000;
  /** Why catch-ups failed, over all phones: "503", "ConnectException" … */
  static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> RESYNC_FAILURES =
    new java.util.concurrent.ConcurrentHashMap<>();
  private static final long DELAY_MIN_MS = 500;
  private static final long DELAY_MAX_MS = 5000;

  /** Where latency samples and counts go; shared by many phones. */
  interface Sink {
    void latency(long micros);
  }

  final long jamId;
  final String slug;
  final String token;
  private final Vertx vertx;
  private final WebSocketClient ws;
  private final Rest rest;
  private final int port;
  private final Sink sink;
  private final TreeMap<Long, Long> pending = new TreeMap<>();
  private WebSocket socket;
  private boolean resyncing;
  private boolean gapTimer;
  private boolean stopped;
  private int attempts;
  private final long pingMs;
  private long pingTimer = -1;

  volatile long lastSeq;
  volatile boolean open;
  /** Registered and caught up with the seq the last events?after answer named. */
  volatile boolean current;
  volatile long currentAtMillis;
  volatile long closedAtMillis;
  int opens;
  int connectFailures;
  int serverCloses;
  int liveGaps;
  int duplicates;
  int bridgeErrors;
  int resyncs;
  int resyncFailures;
  private int failedCatchUps;
  int reloads;
  long resyncedEvents;
  long liveEvents;

  LivePhone(Vertx vertx, WebSocketClient ws, Rest rest, int port, long jamId, String slug, String token, long seq,
            long pingMs, Sink sink) {
    this.vertx = vertx;
    this.ws = ws;
    this.rest = rest;
    this.port = port;
    this.jamId = jamId;
    this.slug = slug;
    this.token = token;
    this.lastSeq = seq;
    this.pingMs = pingMs;
    this.sink = sink;
  }

  /** Connects now; afterwards it reconnects by itself until {@link #stop()}. */
  io.vertx.core.Future<Void> start() {
    stopped = false;
    return connect();
  }

  void stop() {
    stopped = true;
    if (socket != null) {
      socket.close();
    }
  }

  /** Drops the connection as a phone leaving Wi-Fi would; the backoff brings it back. */
  void drop() {
    if (socket != null) {
      socket.close();
    }
  }

  private io.vertx.core.Future<Void> connect() {
    String session = Long.toHexString(ThreadLocalRandom.current().nextLong());
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
      .setURI("/eventbus/" + ThreadLocalRandom.current().nextInt(1000) + "/" + session + "/websocket");
    return ws.connect(options).<Void>map(s -> {
      socket = s;
      s.closeHandler(v -> onClose(s));
      s.textMessageHandler(this::onFrame);
      return null;
    }).onFailure(err -> {
      connectFailures++;
      reconnectLater();
    });
  }

  private void onClose(WebSocket s) {
    if (s != socket) {
      return;
    }
    socket = null;
    if (open) {
      closedAtMillis = System.currentTimeMillis();
    }
    open = false;
    current = false;
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
      pingTimer = -1;
    }
    reconnectLater();
  }

  private void reconnectLater() {
    if (stopped) {
      return;
    }
    vertx.setTimer(backoff(attempts++), t -> connect());
  }

  /** vertx-eventbus.js getReconnectDelay, with the SPA's min 500 ms and max 5 s. */
  static long backoff(int attempt) {
    double ms = DELAY_MIN_MS * Math.pow(2, Math.min(attempt, 20));
    double rand = Math.random();
    long deviation = (long) Math.floor(rand * 0.5 * ms);
    ms = (((long) Math.floor(rand * 10)) & 1) == 0 ? ms - deviation : ms + deviation;
    return (long) Math.min(ms, DELAY_MAX_MS);
  }

  private void onFrame(String text) {
    switch (text.charAt(0)) {
      case 'o' -> onOpen();
      case 'a' -> {
        long now = nowMicros();
        for (Object frame : new JsonArray(text.substring(1))) {
          onMessage((String) frame, now);
        }
      }
      case 'c' -> serverCloses++;
      default -> { }
    }
  }

  private void onOpen() {
    open = true;
    opens++;
    attempts = 0;
    JsonObject register = new JsonObject().put("type", "register").put("address", "jam." + jamId)
      .put("headers", new JsonObject().put("Authorization", "Bearer " + token));
    socket.writeTextMessage(new JsonArray().add(register.encode()).encode());
    // As the browser client: every LIVE_PING_INTERVAL_MS (bench/lib.sh passes it as --ping-ms), phases spread.
    WebSocket s = socket;
    pingTimer = vertx.setPeriodic(1 + ThreadLocalRandom.current().nextInt((int) pingMs), pingMs,
      t -> s.writeTextMessage("[\"{\\\"type\\\":\\\"ping\\\"}\"]"));
    // As the SPA: catch up right after sending REGISTER, without waiting for an answer.
    catchUp();
  }

  private void onMessage(String frame, long nowMicros) {
    if (frame.startsWith("{\"type\":\"err\"")) {
      bridgeErrors++;
      return;
    }
    if (!frame.startsWith("{\"type\":\"rec\"")) {
      return;
    }
    JsonObject body = new JsonObject(frame).getJsonObject("body");
    long seq = body.getLong("seq");
    if (seq <= lastSeq) {
      if (!resyncing) {
        duplicates++;
      }
      return;
    }
    if (seq == lastSeq + 1 && !resyncing) {
      lastSeq = seq;
      liveEvents++;
      sink.latency(nowMicros - atMicros(body));
      drain();
      return;
    }
    pending.put(seq, nowMicros - atMicros(body));
    if (!resyncing && !gapTimer) {
      gapTimer = true;
      vertx.setTimer(GAP_WAIT_MS, t -> {
        gapTimer = false;
        if (!pending.isEmpty() && pending.firstKey() > lastSeq + 1 && !resyncing) {
          liveGaps++;
          catchUp();
        }
      });
    }
  }

  /** Applies buffered live events that now follow in seq order. */
  private void drain() {
    while (!pending.isEmpty() && pending.firstKey() <= lastSeq + 1) {
      var e = pending.pollFirstEntry();
      if (e.getKey() == lastSeq + 1) {
        lastSeq = e.getKey();
        liveEvents++;
        sink.latency(e.getValue());
      }
    }
  }

  /** GET events?after=lastSeq; 410 reloads the snapshot's seq. */
  private void catchUp() {
    if (resyncing) {
      return;
    }
    resyncing = true;
    resyncs++;
    WebSocket s = socket;
    rest.call(HttpMethod.GET, "/api/v1/jams/" + jamId + "/events?after=" + lastSeq, null, token).onComplete(ar -> {
      if (ar.succeeded() && ar.result().status() == 200) {
        JsonObject answer = ar.result().json();
        for (Object o : answer.getJsonArray("events")) {
          long seq = ((JsonObject) o).getLong("seq");
          if (seq == lastSeq + 1) {
            lastSeq = seq;
            resyncedEvents++;
          }
        }
        // Live events that arrived meanwhile are kept, not counted as latency samples.
        pending.headMap(lastSeq, true).clear();
        finishResync(s, answer.getLong("seq"));
      } else if (ar.succeeded() && ar.result().status() == 410) {
        reloads++;
        rest.call(HttpMethod.GET, "/api/v1/jams/" + slug, null, token).onComplete(snap -> {
          if (snap.succeeded() && snap.result().status() == 200) {
            long seq = snap.result().json().getLong("seq");
            pending.headMap(seq, true).clear();
            lastSeq = Math.max(lastSeq, seq);
            finishResync(s, seq);
          } else {
            resyncFailed("snapshot " + (snap.succeeded() ? snap.result().status() : snap.cause().getClass().getSimpleName()));
          }
        });
      } else {
        resyncFailed(ar.succeeded() ? String.valueOf(ar.result().status()) : ar.cause().getClass().getSimpleName());
      }
    });
  }

  private void finishResync(WebSocket s, long upTo) {
    resyncing = false;
    failedCatchUps = 0;
    drain();
    if (s != null && s == socket && open && lastSeq >= upTo) {
      if (!current) {
        current = true;
        currentAtMillis = System.currentTimeMillis();
      }
    }
    // A catch-up asked for on an earlier socket may predate this socket's registration: ask once more,
    // as the SPA does on every registration.
    if (!pending.isEmpty() || s != socket && open) {
      catchUp();
    }
  }

  /**
   * As the SPA (jamStore.retryCatchUp and outbox.retryDelay): a failed catch-up is asked again after 1 s,
   * 2 s, 4 s … at most 15 s, ±20 %, so a phone in a quiet jam does not stay behind.
   */
  private void resyncFailed(String why) {
    resyncFailures++;
    RESYNC_FAILURES.computeIfAbsent(why, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    resyncing = false;
    failedCatchUps++;
    long backoff = Math.min(CATCH_UP_RETRY_MAX_MS, CATCH_UP_RETRY_MIN_MS << Math.min(failedCatchUps - 1, 4));
    vertx.setTimer(Math.round(backoff * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())), t -> {
      if (!stopped) {
        catchUp();
      }
    });
  }

  private static long atMicros(JsonObject body) {
    Instant at = Instant.parse(body.getString("at"));
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }
}

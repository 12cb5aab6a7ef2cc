package io.jamanager.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fault scenarios (storm, slow, soak) share: seeded jams, phones ({@link LivePhone}) on them,
 * and the night's writes (votes, suggestions, sign-ups, joins) at a steady rate, answers counted by status.
 */
final class FaultLoad {

  /** One seeded jam: its attendees' tokens, its songs, and what its attendees have already done. */
  static final class Jam {
    final long id;
    final String slug;
    final String joinCode;
    final List<String> tokens = new ArrayList<>();
    final List<Long> items = new ArrayList<>();
    final Set<String> signedUp = ConcurrentHashMap.newKeySet();
    final Set<String> voted = ConcurrentHashMap.newKeySet();
    final AtomicInteger suggested = new AtomicInteger();

    Jam(JsonObject seeded) {
      id = seeded.getLong("id");
      slug = seeded.getString("slug");
      joinCode = seeded.getString("joinCode");
      seeded.getJsonArray("attendees").forEach(a -> tokens.add(((JsonObject) a).getString("token")));
      seeded.getJsonArray("items").forEach(i -> items.add(((Number) i).longValue()));
    }

    String queue() {
      return "/api/v1/jams/" + id + "/queue";
    }

    String token(int i) {
      return tokens.get(Math.floorMod(i, tokens.size()));
    }
  }

  /** The longest title, artist and tags a suggestion may have: its queue.added event is about 1 KB. */
  private static final JsonArray TAGS = new JsonArray(java.util.stream.IntStream.range(0, 10)
    .mapToObj(i -> pad("tag " + i + " ", 30)).toList());

  static String pad(String text, int length) {
    StringBuilder sb = new StringBuilder(text);
    while (sb.length() < length) {
      sb.append((char) ('a' + sb.length() % 26));
    }
    return sb.substring(0, length);
  }

  final Vertx vertx = Vertx.vertx();
  final int port;
  /** The SPA's live ping interval, which its phones keep. */
  final long pingMs;
  final Rest rest;
  final Rest phoneRest;
  final WebSocketClient ws;
  final List<Jam> jams = new ArrayList<>();
  final List<LivePhone> phones = new ArrayList<>();
  /** "vote 200", "suggest 503", "vote failed" …: every write's outcome. */
  final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
  final AtomicLong writes = new AtomicLong();
  private final String chordText;

  FaultLoad(LoadGen.Args args, int jamCount) throws Exception {
    port = args.integer("port", 8080);
    pingMs = args.integer("ping-ms", 10_000);
    JsonArray seeded = new JsonObject(Files.readString(Path.of(args.string("seed")))).getJsonArray("jams");
    if (seeded.size() < jamCount) {
      throw new IllegalArgumentException("the seed has " + seeded.size() + " jams, not " + jamCount);
    }
    for (int j = 0; j < jamCount; j++) {
      jams.add(new Jam(seeded.getJsonObject(j)));
    }
    rest = new Rest(vertx, port, args.integer("connections", 32));
    // Every phone has its own connections and a browser's fetch waits as long as it takes.
    phoneRest = new Rest(vertx, port, args.integer("phone-connections", 1000), true, 60_000);
    ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000).setConnectTimeout(30_000));
    // A chord sheet as pasted from Ultimate Guitar (stored; events name the song, not the sheet).
    StringBuilder sheet = new StringBuilder();
    while (sheet.length() < args.integer("chord-bytes", 3000)) {
      sheet.append("[Verse]\nG        D        Em       C\nWe were standing on the corner of the night\n");
    }
    chordText = sheet.toString();
  }

  /** perJam phones on every jam, each with an attendee's token, starting from the jam's current seq. */
  void addPhones(int perJam, LivePhone.Sink sink) throws Exception {
    for (Jam jam : jams) {
      long seq = await(phoneRest.call(HttpMethod.GET, "/api/v1/jams/" + jam.slug, null, jam.token(0))).json().getLong("seq");
      for (int p = 0; p < perJam; p++) {
        phones.add(new LivePhone(vertx, ws, phoneRest, port, jam.id, jam.slug, jam.token(p), seq, pingMs, sink));
      }
    }
  }

  /** Starts the phones, at most {@code inFlight} connecting at once. */
  void startPhones(List<LivePhone> which, int inFlight) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < inFlight; lane++) {
      lanes.add(startNext(which, next));
    }
    await(Future.join(lanes));
  }

  private Future<Void> startNext(List<LivePhone> which, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= which.size()) {
      return Future.succeededFuture();
    }
    return which.get(i).start().recover(err -> Future.succeededFuture()).compose(v -> startNext(which, next));
  }

  /** Waits until every phone is open and caught up; false after the timeout. */
  boolean awaitCurrent(List<LivePhone> which, long timeoutMs) throws InterruptedException {
    long until = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < until) {
      if (which.stream().allMatch(p -> p.current)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** The database's seq of every jam, from its snapshot. */
  /**
   * Each jam's seq in the database: from events?after= the furthest phone's seq (a few events, where the
   * snapshot of a jam that took thousands of suggestions is megabytes that the measured phones would wait
   * behind), or from the snapshot when that is refused (410).
   */
  Map<Long, Long> dbSeqs() throws Exception {
    Map<Long, Long> seqs = new TreeMap<>();
    for (Jam jam : jams) {
      long after = phones.stream().filter(p -> p.jamId == jam.id).mapToLong(p -> p.lastSeq).max().orElse(0);
      Rest.Answer a = await(phoneRest.call(HttpMethod.GET, "/api/v1/jams/" + jam.id + "/events?after=" + after, null,
        jam.token(0)));
      if (a.status() != 200) {
        a = await(phoneRest.call(HttpMethod.GET, "/api/v1/jams/" + jam.slug, null, jam.token(0)));
      }
      seqs.put(jam.id, a.json().getLong("seq"));
    }
    return seqs;
  }

  /** Phones whose last applied seq is not the database's, after waiting up to {@code waitMs} for them. */
  long notConverged(List<LivePhone> which, long waitMs) throws Exception {
    long until = System.currentTimeMillis() + waitMs;
    long behind;
    Map<Long, Long> db;
    do {
      // Read again each time: writes still queued when the load stopped keep committing for a while.
      db = dbSeqs();
      Map<Long, Long> now = db;
      behind = which.stream().filter(p -> p.lastSeq != now.get(p.jamId)).count();
      if (behind == 0) {
        break;
      }
      Thread.sleep(250);
    } while (System.currentTimeMillis() < until);
    behindByJam = new JsonObject();
    for (Jam jam : jams) {
      long dbSeq = db.get(jam.id);
      var off = which.stream().filter(p -> p.jamId == jam.id && p.lastSeq != dbSeq).mapToLong(p -> p.lastSeq).summaryStatistics();
      if (off.getCount() > 0) {
        behindByJam.put(String.valueOf(jam.id), new JsonObject().put("dbSeq", dbSeq).put("phones", off.getCount())
          .put("minSeq", off.getMin()).put("maxSeq", off.getMax()));
      }
    }
    return behind;
  }

  /** Per jam, the phones that did not match the database at the last {@link #notConverged} check. */
  JsonObject behindByJam = new JsonObject();

  /** One write of the night's mix on a jam: mostly votes, sometimes a suggestion, a sign-up or a join. */
  Future<Void> write(Jam jam, String kind) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int a = r.nextInt(jam.tokens.size());
    String token = jam.token(a);
    Future<Rest.Answer> call;
    switch (kind) {
      case "suggest" -> call = rest.call(HttpMethod.POST, jam.queue(), new JsonObject()
        .put("title", pad("Song " + jam.suggested.incrementAndGet() + " " + Long.toHexString(r.nextLong()) + " ", 200))
        .put("artist", pad("The Fault Band featuring ", 200)).put("tags", TAGS).put("chordText", chordText), token);
      case "signup" -> {
        long item = jam.items.get(r.nextInt(jam.items.size()));
        if (!jam.signedUp.add(a + ":" + item)) {
          return vote(jam, a, token);
        }
        call = rest.call(HttpMethod.POST, jam.queue() + "/" + item + "/performers",
          new JsonObject().put("instrument", "guitar"), token);
      }
      case "join" -> call = rest.call(HttpMethod.POST, "/api/v1/jams/" + jam.joinCode + "/attendees", new JsonObject()
        .put("name", "Late " + r.nextInt(100_000)).put("instruments", new JsonArray().add("bass")), null);
      default -> {
        return vote(jam, a, token);
      }
    }
    return count(kind, call);
  }

  private Future<Void> vote(Jam jam, int a, String token) {
    long item = jam.items.get(ThreadLocalRandom.current().nextInt(jam.items.size()));
    boolean up = jam.voted.add(a + ":" + item);
    if (!up) {
      jam.voted.remove(a + ":" + item);
    }
    return count("vote", rest.call(up ? HttpMethod.POST : HttpMethod.DELETE,
      jam.queue() + "/" + item + "/vote", null, token));
  }

  private Future<Void> count(String kind, Future<Rest.Answer> call) {
    writes.incrementAndGet();
    return call.transform(ar -> {
      String key = kind + " " + (ar.succeeded() ? String.valueOf(ar.result().status()) : "failed");
      answers.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      return Future.succeededFuture();
    });
  }

  /** Answers that are not 2xx, by kind and status. */
  JsonObject failures() {
    JsonObject out = new JsonObject();
    answers.forEach((k, v) -> {
      if (!k.matches(".* 2[0-9][0-9]")) {
        out.put(k, v.get());
      }
    });
    return out;
  }

  long failureCount() {
    return failures().stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
  }

  JsonObject answerCounts() {
    JsonObject out = new JsonObject();
    new TreeMap<>(answers).forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /**
   * Writes at {@code perSecond} over all jams until {@code stop} completes: tick n goes to jam n % jams;
   * kinds by weight (votes fill the rest). Scheduled on one event loop, like Fanout's votes.
   */
  Future<Void> steady(double perSecond, double suggestShare, double signupShare, double joinShare, Future<Void> stop) {
    Promise<Void> done = Promise.promise();
    long start = System.nanoTime();
    long periodNanos = (long) (1e9 / perSecond);
    long[] tick = {0};
    vertx.setPeriodic(1, t -> {
      if (stop.isComplete()) {
        vertx.cancelTimer(t);
        done.complete();
        return;
      }
      long due = (System.nanoTime() - start) / periodNanos + 1;
      while (tick[0] < due) {
        long n = tick[0]++;
        Jam jam = jams.get((int) (n % jams.size()));
        double x = ThreadLocalRandom.current().nextDouble();
        String kind = x < suggestShare ? "suggest" : x < suggestShare + signupShare ? "signup"
          : x < suggestShare + signupShare + joinShare ? "join" : "vote";
        write(jam, kind);
      }
    });
    return done.future();
  }

  void close() {
    phones.forEach(LivePhone::stop);
    vertx.close();
  }

  /** Totals over phones. */
  JsonObject phoneCounts(List<LivePhone> which) {
    return new JsonObject()
      .put("phones", which.size())
      .put("opens", which.stream().mapToLong(p -> p.opens).sum())
      .put("connectFailures", which.stream().mapToLong(p -> p.connectFailures).sum())
      .put("liveGaps", which.stream().mapToLong(p -> p.liveGaps).sum())
      .put("duplicates", which.stream().mapToLong(p -> p.duplicates).sum())
      .put("bridgeErrors", which.stream().mapToLong(p -> p.bridgeErrors).sum())
      .put("resyncs", which.stream().mapToLong(p -> p.resyncs).sum())
      .put("resyncFailures", which.stream().mapToLong(p -> p.resyncFailures).sum())
      .put("resyncFailuresBy", new JsonObject(new TreeMap<>(LivePhone.RESYNC_FAILURES.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue().get())))))
      .put("snapshotReloads", which.stream().mapToLong(p -> p.reloads).sum())
      .put("eventsLive", which.stream().mapToLong(p -> p.liveEvents).sum())
      .put("eventsByResync", which.stream().mapToLong(p -> p.resyncedEvents).sum())
      .put("behindByJam", behindByJam);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }
}

package io.jamanager.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The fault driver: a jam night while a scenario script breaks things. For {@code seconds} the seeded
 * attendees toggle votes ({@code rate} per second in all, at most one request in flight per
 * (attendee, item) pair) through {@code vote-ports}, while {@code phones-per-jam} {@link Phone}s per jam
 * follow it through {@code phone-ports} and {@code /health/ready} is polled on {@code ready-ports}.
 * Then voting stops, the phones get (boundedly) quiet, and one JSON result says what every request
 * answered, which (attendee, item) states were acknowledged, where every phone ended and what it went
 * through. The script compares that with the database; it may end voting early by creating {@code stop-file}.
 * A fault's window runs from a "down" mark to the next "up"; a mark between them (say "starting")
 * says when the repair began, which ends the part where readiness must be down. Times inside a fault are judged against the
 * {@code "<epoch ms> down|up"} lines the script appends to the {@code marks} file.
 *
 * <p>Attendee 0 of each jam alone votes on item 0 (the probe), so each of its answers can be matched
 * with the live {@code vote.changed} it causes: the delivery latency.
 */
final class Night {

  private record Attempt(long sentMs, long answeredMs, String status, String code, String retryAfter, boolean ok) {
  }

  private record ProbeAnswer(long sentNanos, long answeredNanos, long answeredMs, int votes) {
  }

  private record Arrival(long jamId, int votes, long nanos) {
  }

  private record Probe(long sentMs, int port, String status) {
  }

  /** One (attendee, item): what was last asked, and what the last acknowledged answer established. */
  private static final class Pair {
    final long attendeeId;
    final long itemId;
    final String token;
    final String path;
    final boolean probe;
    boolean inFlight;
    boolean intendedUp;
    boolean everAcked;
    boolean ackedUp;
    boolean unackedSinceAck;

    Pair(JsonObject jam, JsonObject attendee, long itemId, boolean probe) {
      this.attendeeId = attendee.getLong("id");
      this.itemId = itemId;
      this.token = attendee.getString("token");
      this.path = Seed.queue(jam) + "/" + itemId + "/vote";
      this.probe = probe;
    }
  }

  private final LoadGen.Args args;
  private final Vertx vertx = Vertx.vertx();
  private final Context ctx = vertx.getOrCreateContext();
  private final Timeline timeline = new Timeline();
  private final List<JsonObject> jams = new ArrayList<>();
  private final int[] votePorts;
  private final int[] phonePorts;
  private final int[] readyPorts;
  private final long timeoutMs;
  private final boolean retryOnce;
  private final Map<Integer, Rest> rests = new HashMap<>();
  private final List<Phone> phones = new ArrayList<>();
  private final Map<String, Pair> pairs = new HashMap<>();
  private final List<Attempt> attempts = new ArrayList<>();
  private final Map<String, Integer> finalByStatus = new TreeMap<>();
  private final Map<Long, List<ProbeAnswer>> probeAnswers = new HashMap<>();
  private final Map<Long, Long> probeItem = new HashMap<>();
  private final List<Arrival> arrivals = new ArrayList<>();
  private final List<Probe> readiness = new ArrayList<>();
  private int voteTurn;
  private int inFlight;
  private int skipped;
  private int retried;
  private boolean voting;

  private Night(LoadGen.Args args) throws Exception {
    this.args = args;
    JsonObject seed = new JsonObject(Files.readString(Path.of(args.string("seed"))));
    JsonArray seeded = seed.getJsonArray("jams");
    int count = Math.min(args.integer("jams", seeded.size()), seeded.size());
    for (int j = 0; j < count; j++) {
      jams.add(seeded.getJsonObject(j));
    }
    int[] ports = ints(args.string("ports", "8080"));
    this.votePorts = args.values().containsKey("vote-ports") ? ints(args.string("vote-ports")) : ports;
    this.phonePorts = args.values().containsKey("phone-ports") ? ints(args.string("phone-ports")) : ports;
    this.readyPorts = ints(args.string("ready-ports", ""));
    this.timeoutMs = Math.round(args.decimal("timeout", 35) * 1000);
    this.retryOnce = Boolean.parseBoolean(args.string("retry-once", "false"));
  }

  static JsonObject run(LoadGen.Args args) throws Exception {
    Night night = new Night(args);
    try {
      return night.go();
    } finally {
      night.vertx.close();
    }
  }

  private JsonObject go() throws Exception {
    double seconds = args.decimal("seconds", 30);
    double rate = args.decimal("rate", 50);
    int perJam = args.integer("phones-per-jam", 4);
    // bench/lib.sh passes the SPA's LIVE_PING_INTERVAL_MS from frontend/src/config.ts.
    long pingMs = args.integer("ping-ms", 10_000);
    RssSampler rss = new RssSampler(vertx, ints(args.string("pids", "")));
    WebSocketClient ws = on(() -> Future.succeededFuture(vertx.createWebSocketClient(
      new WebSocketClientOptions().setMaxConnections(jams.size() * perJam * 2 + 10).setConnectTimeout(5_000))));

    on(() -> {
      List<Future<Void>> started = new ArrayList<>();
      for (JsonObject jam : jams) {
        probeItem.put(jam.getLong("id"), jam.getJsonArray("items").getLong(0));
        probeAnswers.put(jam.getLong("id"), new ArrayList<>());
        for (int p = 0; p < perJam; p++) {
          int port = phonePorts[phones.size() % phonePorts.length];
          Phone phone = new Phone(vertx, ws, rest(port), jam, port, this::arrived, timeline, pingMs);
          phones.add(phone);
          started.add(phone.start());
        }
      }
      return Future.all(started).mapEmpty();
    });
    waitUntil(30_000, () -> phones.stream().allMatch(Phone::current));
    if (!on(() -> Future.succeededFuture(phones.stream().allMatch(Phone::current)))) {
      throw new IllegalStateException("phones not live 30 s after connecting: is the bridge up?");
    }
    long rssBefore = rss.sampleNow();
    long startMs = System.currentTimeMillis();
    timeline.add("start", new JsonObject());
    on(() -> {
      voting = true;
      startVoting(rate);
      for (int port : readyPorts) {
        pollReady(port);
      }
      return Future.succeededFuture();
    });
    String started = args.string("started", "");
    if (!started.isEmpty()) {
      Files.writeString(Path.of(started), Long.toString(startMs));
    }
    // The script may end the night sooner, once its fault has run its course.
    Path stopFile = Path.of(args.string("stop-file", "/nonexistent/none"));
    long endBy = System.currentTimeMillis() + Math.round(seconds * 1000);
    while (System.currentTimeMillis() < endBy && !Files.exists(stopFile)) {
      Thread.sleep(100);
    }
    on(() -> {
      voting = false;
      return Future.succeededFuture();
    });
    long stopMs = System.currentTimeMillis();
    timeline.add("stop", new JsonObject());
    waitUntil(timeoutMs + 5_000, () -> inFlight == 0);
    long quietStart = System.nanoTime();
    long quietMax = Math.round(args.decimal("quiet-max", 20) * 1000);
    boolean quiet = waitUntil(quietMax, this::quiet);
    double quietSeconds = (System.nanoTime() - quietStart) / 1e9;
    long rssAfter = rss.sampleNow();
    rss.stop();

    List<long[]> marks = marks();
    JsonObject result = on(() -> {
      phones.forEach(Phone::stop);
      return Future.succeededFuture(summary(startMs, stopMs, marks));
    });
    result.put("quiet", quiet).put("quietSeconds", Stats.round(quietSeconds, 1))
      .put("rssMb", new JsonObject().put("before", mb(rssBefore)).put("after", mb(rssAfter)).put("max", mb(rss.max())));
    String timelineFile = args.string("timeline", "");
    if (!timelineFile.isEmpty()) {
      timeline.write(timelineFile);
    }
    return result;
  }

  private Rest rest(int port) {
    return rests.computeIfAbsent(port, p -> new Rest(vertx, p, 64));
  }

  /** Quiet: every phone live and caught up, the phones of a jam at one seq, nothing applied for 2 s. */
  private boolean quiet() {
    long now = System.nanoTime();
    Map<Long, Long> seqOf = new HashMap<>();
    for (Phone phone : phones) {
      if (!phone.current() || now - phone.lastApplyNanos() < 2_000_000_000L) {
        return false;
      }
      Long seen = seqOf.putIfAbsent(phone.jamId(), phone.seq());
      if (seen != null && seen != phone.seq()) {
        return false;
      }
    }
    return true;
  }

  private void startVoting(double rate) {
    long start = System.nanoTime();
    long[] ticks = {0};
    vertx.setPeriodic(5, t -> {
      if (!voting) {
        vertx.cancelTimer(t);
        return;
      }
      long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
      while (ticks[0] < due) {
        ticks[0]++;
        Pair pair = choose(ticks[0] % 4 == 0);
        if (pair == null) {
          skipped++;
        } else {
          send(pair);
        }
      }
    });
  }

  /** The probe pair of a random jam, or a random other pair not in flight (a few tries). */
  private Pair choose(boolean probe) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 5; attempt++) {
      JsonObject jam = jams.get(random.nextInt(jams.size()));
      JsonArray attendees = jam.getJsonArray("attendees");
      JsonArray items = jam.getJsonArray("items");
      int a = probe || attendees.size() < 2 ? 0 : 1 + random.nextInt(attendees.size() - 1);
      int i = probe || items.size() < 2 ? 0 : 1 + random.nextInt(items.size() - 1);
      String key = jam.getLong("id") + ":" + a + ":" + i;
      Pair pair = pairs.computeIfAbsent(key, k -> new Pair(jam, attendees.getJsonObject(a), items.getLong(i), a == 0 && i == 0));
      if (!pair.inFlight) {
        return pair;
      }
    }
    return null;
  }

  private void send(Pair pair) {
    boolean up = !pair.intendedUp;
    pair.intendedUp = up;
    pair.inFlight = true;
    inFlight++;
    attempt(pair, up, false);
  }

  private void attempt(Pair pair, boolean up, boolean isRetry) {
    int port = votePorts[voteTurn++ % votePorts.length];
    long sentNanos = System.nanoTime();
    long sentMs = System.currentTimeMillis();
    rest(port).call(up ? HttpMethod.POST : HttpMethod.DELETE, pair.path, null, pair.token, timeoutMs).onComplete(ar -> {
      long answeredNanos = System.nanoTime();
      long answeredMs = System.currentTimeMillis();
      String status = ar.succeeded() ? Integer.toString(ar.result().status()) : failure(ar.cause());
      boolean ok = ar.succeeded() && ar.result().status() / 100 == 2;
      String code = null;
      String retryAfter = null;
      if (ar.succeeded() && !ok) {
        retryAfter = ar.result().retryAfter();
        try {
          code = ar.result().json().getString("error");
        } catch (RuntimeException e) {
          code = "not_json";
        }
      }
      attempts.add(new Attempt(sentMs, answeredMs, status, code, retryAfter, ok));
      timeline.add("vote", new JsonObject().put("sent", sentMs).put("port", port).put("status", status).put("code", code)
        .put("retryAfter", retryAfter).put("ms", answeredMs - sentMs).put("retry", isRetry));
      if (ok) {
        pair.everAcked = true;
        pair.ackedUp = up;
        pair.unackedSinceAck = false;
        if (pair.probe) {
          int votes = ar.result().json().getInteger("votes");
          probeAnswers.get(jamOf(pair)).add(new ProbeAnswer(sentNanos, answeredNanos, answeredMs, votes));
        }
        done(pair, status);
        return;
      }
      pair.unackedSinceAck = true;
      if (retryOnce && !isRetry && retryable(status)) {
        retried++;
        vertx.setTimer(retryDelay(retryAfter), t -> attempt(pair, up, true));
        return;
      }
      done(pair, status);
    });
  }

  private long jamOf(Pair pair) {
    return Long.parseLong(pair.path.split("/")[4]);
  }

  private void done(Pair pair, String status) {
    pair.inFlight = false;
    inFlight--;
    finalByStatus.merge(status, 1, Integer::sum);
  }

  /** An idempotent vote may be repeated after anything but a refusal of the request itself. */
  private static boolean retryable(String status) {
    return !status.startsWith("4") || status.equals("408") || status.equals("429");
  }

  /** As the server asks (capped at 2 s), else a quarter second. */
  private static long retryDelay(String retryAfter) {
    try {
      return retryAfter == null ? 250 : Math.max(100, Math.min(2_000, Long.parseLong(retryAfter.trim()) * 1000));
    } catch (NumberFormatException e) {
      return 250;
    }
  }

  private static String failure(Throwable cause) {
    if (cause instanceof TimeoutException || String.valueOf(cause.getMessage()).toLowerCase().contains("timeout")) {
      return "timeout";
    }
    if (cause instanceof ConnectException) {
      return "connection_refused";
    }
    if (cause instanceof HttpClosedException || String.valueOf(cause.getMessage()).contains("closed")) {
      return "connection_closed";
    }
    return "error_" + cause.getClass().getSimpleName();
  }

  private void arrived(long jamId, long itemId, int votes, long nanos) {
    Long probe = probeItem.get(jamId);
    if (probe != null && probe == itemId) {
      arrivals.add(new Arrival(jamId, votes, nanos));
    }
  }

  private void pollReady(int port) {
    Rest rest = new Rest(vertx, port, 2);
    boolean[] busy = {false};
    vertx.setPeriodic(100, t -> {
      if (!voting) {
        vertx.cancelTimer(t);
        return;
      }
      if (busy[0]) {
        return;
      }
      busy[0] = true;
      long sentMs = System.currentTimeMillis();
      rest.call(HttpMethod.GET, "/health/ready", null, null, 2_000).onComplete(ar -> {
        busy[0] = false;
        String status = ar.succeeded() ? Integer.toString(ar.result().status()) : failure(ar.cause());
        readiness.add(new Probe(sentMs, port, status));
      });
    });
  }

  private JsonObject summary(long startMs, long stopMs, List<long[]> marks) {
    Stats latency = new Stats();
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> codes = new TreeMap<>();
    int withoutRetryAfter = 0;
    for (Attempt a : attempts) {
      latency.add((a.answeredMs - a.sentMs) * 1_000_000);
      byStatus.merge(a.status, 1, Integer::sum);
      if (a.code != null) {
        codes.merge(a.code, 1, Integer::sum);
      }
      if (!a.ok && a.status.matches("5[0-9]+") && (a.retryAfter == null || a.retryAfter.isBlank())) {
        withoutRetryAfter++;
      }
    }
    int failed = finalByStatus.entrySet().stream().filter(e -> !e.getKey().startsWith("2")).mapToInt(Map.Entry::getValue).sum();
    JsonObject requests = new JsonObject().put("attempts", attempts.size()).put("byStatus", json(byStatus))
      .put("codes", json(codes)).put("unavailableWithoutRetryAfter", withoutRetryAfter).put("finalByStatus", json(finalByStatus)).put("failedAfterRetry", failed).put("retried", retried)
      .put("skippedInFlight", skipped).put("latencyMs", latency.summary())
      .put("perSecond", Stats.round(attempts.size() / Math.max(1, (stopMs - startMs) / 1000.0), 1));

    JsonArray acked = new JsonArray();
    int ambiguous = 0;
    for (Pair pair : pairs.values()) {
      if (pair.unackedSinceAck || !pair.everAcked) {
        ambiguous++;
      } else {
        acked.add(new JsonArray().add(pair.attendeeId).add(pair.itemId).add(pair.ackedUp));
      }
    }

    JsonArray windows = new JsonArray();
    Long down = null;
    Long mending = null;
    for (long[] mark : marks) {
      if (mark[1] == 0) {
        down = mark[0];
        mending = null;
      } else if (mark[1] == 2 && down != null && mending == null) {
        mending = mark[0];
      } else if (mark[1] == 1 && down != null) {
        windows.add(window(down, mending == null ? mark[0] : mending, mark[0]));
        down = null;
      }
    }
    long lastMark = marks.isEmpty() ? 0 : marks.get(marks.size() - 1)[0];

    Stats delivery = new Stats();
    Stats deliveryFromSend = new Stats();
    Stats deliveryAfterMarks = new Stats();
    for (Arrival arrival : arrivals) {
      ProbeAnswer best = null;
      for (ProbeAnswer answer : probeAnswers.get(arrival.jamId)) {
        if (answer.votes == arrival.votes && Math.abs(arrival.nanos - answer.answeredNanos) < 2_000_000_000L
          && (best == null || Math.abs(arrival.nanos - answer.answeredNanos) < Math.abs(arrival.nanos - best.answeredNanos))) {
          best = answer;
        }
      }
      if (best != null) {
        long fromAnswer = Math.max(0, arrival.nanos - best.answeredNanos);
        delivery.add(fromAnswer);
        deliveryFromSend.add(arrival.nanos - best.sentNanos);
        if (best.answeredMs > lastMark) {
          deliveryAfterMarks.add(fromAnswer);
        }
      }
    }

    JsonArray finals = new JsonArray();
    Stats darkPeriods = new Stats();
    Stats darkPerPhone = new Stats();
    Stats toCurrent = new Stats();
    int disconnects = 0;
    int phonesDisconnected = 0;
    int duplicates = 0;
    int outOfOrder = 0;
    int gaps = 0;
    int gapFetches = 0;
    int fetchFailures = 0;
    int reloads = 0;
    int rejected = 0;
    long darkTotal = 0;
    for (Phone phone : phones) {
      finals.add(phone.finalState());
      disconnects += phone.disconnects;
      phonesDisconnected += phone.disconnects > 0 ? 1 : 0;
      duplicates += phone.duplicates;
      outOfOrder += phone.outOfOrder;
      gaps += phone.gaps;
      gapFetches += phone.gapFetches;
      fetchFailures += phone.fetchFailures;
      reloads += phone.reloads;
      rejected += phone.rejected;
      darkTotal += phone.darkTotalNanos;
      darkPerPhone.add(phone.darkMaxNanos);
      Arrays.stream(phone.dark.sorted()).forEach(darkPeriods::add);
      Arrays.stream(phone.timeToCurrent.sorted()).forEach(toCurrent::add);
    }
    JsonObject phoneFigures = new JsonObject().put("count", phones.size()).put("disconnects", disconnects)
      .put("phonesDisconnected", phonesDisconnected).put("duplicates", duplicates).put("outOfOrder", outOfOrder)
      .put("gaps", gaps).put("gapFetches", gapFetches).put("fetchFailures", fetchFailures).put("reloads", reloads)
      .put("bridgeErrors", rejected)
      .put("withoutLiveUpdatesMs", new JsonObject().put("perPhoneMax", darkPerPhone.summary())
        .put("periods", darkPeriods.summary()).put("totalSeconds", Stats.round(darkTotal / 1e9, 1)))
      .put("timeToCurrentAfterReconnectMs", toCurrent.summary());

    return new JsonObject().put("scenario", args.string("label", "night"))
      .put("seconds", Stats.round((stopMs - startMs) / 1000.0, 1)).put("jams", jams.size())
      .put("requests", requests).put("windows", windows).put("phones", phoneFigures)
      .put("deliveryMs", new JsonObject().put("fromAnswer", delivery.summary()).put("fromSend", deliveryFromSend.summary())
        .put("fromAnswerAfterLastMark", deliveryAfterMarks.summary()).put("samples", delivery.count()))
      .put("ambiguousPairs", ambiguous).put("ackedPairs", acked).put("finalPhones", finals);
  }

  /**
   * Requests sent while the fault lasted, and how soon writes and readiness came back after it. Between
   * {@code mending} (the script starting the repair, e.g. pg_ctl start) and {@code up} (the repair
   * done) the fault may already be over: readiness is judged only up to {@code mending}.
   */
  private JsonObject window(long down, long mending, long up) {
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> codes = new TreeMap<>();
    int withoutRetryAfter = 0;
    long maxMs = 0;
    long firstOk = Long.MAX_VALUE;
    for (Attempt a : attempts) {
      if (a.ok && a.answeredMs >= up) {
        firstOk = Math.min(firstOk, a.answeredMs);
      }
      if (a.sentMs < down || a.sentMs >= up) {
        continue;
      }
      byStatus.merge(a.status, 1, Integer::sum);
      maxMs = Math.max(maxMs, a.answeredMs - a.sentMs);
      if (a.code != null) {
        codes.merge(a.code, 1, Integer::sum);
      }
      if (!a.ok && a.status.matches("[0-9]+") && (a.retryAfter == null || a.retryAfter.isBlank())) {
        withoutRetryAfter++;
      }
    }
    Map<String, Integer> readyDuring = new TreeMap<>();
    long readyBack = Long.MIN_VALUE;
    for (int port : readyPorts) {
      long first = Long.MAX_VALUE;
      for (Probe probe : readiness) {
        if (probe.port != port) {
          continue;
        }
        if (probe.sentMs >= down + 1_000 && probe.sentMs < mending) {
          readyDuring.merge(probe.status, 1, Integer::sum);
        }
        if (probe.sentMs >= up && probe.status.equals("200")) {
          first = Math.min(first, probe.sentMs);
        }
      }
      readyBack = Math.max(readyBack, first);
    }
    return new JsonObject().put("seconds", Stats.round((up - down) / 1000.0, 1)).put("byStatus", json(byStatus))
      .put("codes", json(codes)).put("withoutRetryAfter", withoutRetryAfter).put("maxLatencyMs", maxMs)
      .put("firstOkAfterUpMs", firstOk == Long.MAX_VALUE ? null : firstOk - up)
      .put("readyDuring", json(readyDuring))
      .put("readyAfterUpMs", readyPorts.length == 0 || readyBack == Long.MAX_VALUE ? null : Math.max(0, readyBack - up));
  }

  /** The script's marks: {epoch ms, 0 for "down" / 1 for "up" / 2 for anything else}, in file order. */
  private List<long[]> marks() throws Exception {
    String file = args.string("marks", "");
    List<long[]> marks = new ArrayList<>();
    if (file.isEmpty() || !Files.exists(Path.of(file))) {
      return marks;
    }
    for (String line : Files.readAllLines(Path.of(file))) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 2) {
        marks.add(new long[] {Long.parseLong(parts[0]), parts[1].equals("down") ? 0 : parts[1].equals("up") ? 1 : 2});
      }
    }
    return marks;
  }

  private static JsonObject json(Map<String, Integer> counts) {
    JsonObject out = new JsonObject();
    counts.forEach(out::put);
    return out;
  }

  /** Runs on the driver's one context and waits: all state is touched from that one thread. */
  private <T> T on(Supplier<Future<T>> work) throws Exception {
    Promise<T> promise = Promise.promise();
    ctx.runOnContext(v -> {
      try {
        work.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return Fanout.await(promise.future());
  }

  private boolean waitUntil(long ms, Supplier<Boolean> condition) throws Exception {
    long by = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < by) {
      if (on(() -> Future.succeededFuture(condition.get()))) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static double mb(long bytes) {
    return Stats.round(bytes / 1048576.0, 1);
  }

  private static int[] ints(String list) {
    return list.isBlank() ? new int[0] : Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}

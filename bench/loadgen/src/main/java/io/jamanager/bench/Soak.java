package io.jamanager.bench;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Soak (bench/faults/soak.sh): a busy night held for {@code minutes}: phones on every jam, votes at
 * {@code votes-per-jam} per second plus suggestions, sign-ups and joins, and {@code reconnect-percent} of
 * the phones dropping their connection each minute (they come back with the SPA's backoff and resync).
 * Prints each minute's delivery latency and errors to stderr as it goes, and all of them at the end.
 */
final class Soak {

  private Soak() {
  }

  static JsonObject run(LoadGen.Args args) throws Exception {
    int jamCount = args.integer("jams", 50);
    FaultLoad load = new FaultLoad(args, jamCount);
    Stats[] window = {new Stats()};
    load.addPhones(args.integer("phones-per-jam", 100), micros -> window[0].add(micros * 1000));
    long connectStart = System.currentTimeMillis();
    load.startPhones(load.phones, 200);
    if (!load.awaitCurrent(load.phones, 120_000)) {
      throw new IllegalStateException("phones not current 120 s after connecting: " + load.phoneCounts(load.phones));
    }
    double connectSeconds = (System.currentTimeMillis() - connectStart) / 1000.0;
    double votesPerJam = args.decimal("votes-per-jam", 10);
    double others = 0.01;
    double rate = jamCount * votesPerJam / (1 - 3 * others);
    Promise<Void> stop = Promise.promise();
    var writes = load.steady(rate, others, others, others, stop.future());
    // Both JVMs start cold: the first seconds are not a minute of the night.
    Thread.sleep((long) (args.decimal("warmup", 20) * 1000));

    int minutes = args.integer("minutes", 30);
    double reconnectShare = args.decimal("reconnect-percent", 1) / 100;
    int dropsPerMinute = (int) Math.round(load.phones.size() * reconnectShare);
    JsonArray perMinute = new JsonArray();
    Stats all = new Stats();
    JsonObject before = snapshot(load);
    long errorsTotal = 0;
    for (int m = 1; m <= minutes; m++) {
      window[0] = new Stats();
      long minuteEnd = System.currentTimeMillis() + 60_000;
      for (int d = 0; d < dropsPerMinute; d++) {
        long dropAt = minuteEnd - 60_000 + (long) ((d + 0.5) * 60_000 / dropsPerMinute);
        Thread.sleep(Math.max(0, dropAt - System.currentTimeMillis()));
        LivePhone p = load.phones.get(ThreadLocalRandom.current().nextInt(load.phones.size()));
        load.vertx.runOnContext(v -> p.drop());
      }
      Thread.sleep(Math.max(0, minuteEnd - System.currentTimeMillis()));
      Stats done = window[0];
      JsonObject now = snapshot(load);
      long errors = errors(now) - errors(before);
      errorsTotal += errors;
      JsonObject summary = done.summary();
      JsonObject row = new JsonObject().put("minute", m).put("deliveries", done.count())
        .put("p50", summary.getDouble("p50")).put("p99", summary.getDouble("p99")).put("max", summary.getDouble("max"))
        .put("writes", now.getLong("writes") - before.getLong("writes")).put("errors", errors)
        .put("reconnects", now.getLong("opens") - before.getLong("opens"));
      perMinute.add(row);
      for (long s : done.sorted()) {
        all.add(s);
      }
      System.err.println("[soak] " + row.encode());
      before = now;
    }
    stop.complete();
    FaultLoad.await(writes);
    Thread.sleep(1000);
    long notConverged = load.notConverged(load.phones, 15_000);
    JsonObject result = new JsonObject()
      .put("jams", jamCount).put("phones", load.phones.size()).put("minutes", minutes)
      .put("writesPerSecond", Stats.round(rate, 1)).put("votesPerJamPerSecond", votesPerJam)
      .put("reconnectsPerMinute", dropsPerMinute).put("connectSeconds", Stats.round(connectSeconds, 1))
      .put("errors", errorsTotal).put("writeFailures", load.failures()).put("notConverged", notConverged)
      .put("deliveryMs", all.summary()).put("perMinute", perMinute)
      .put("writes", load.answerCounts())
      .mergeIn(load.phoneCounts(load.phones));
    load.close();
    return result;
  }

  /** The running totals that make up a minute's row. */
  private static JsonObject snapshot(FaultLoad load) {
    List<LivePhone> phones = load.phones;
    return new JsonObject()
      .put("writes", load.writes.get())
      .put("writeFailures", load.failureCount())
      .put("opens", phones.stream().mapToLong(p -> p.opens).sum())
      .put("connectFailures", phones.stream().mapToLong(p -> p.connectFailures).sum())
      .put("bridgeErrors", phones.stream().mapToLong(p -> p.bridgeErrors).sum())
      .put("resyncFailures", phones.stream().mapToLong(p -> p.resyncFailures).sum())
      .put("serverCloses", phones.stream().mapToLong(p -> p.serverCloses).sum())
      .put("liveGaps", phones.stream().mapToLong(p -> p.liveGaps).sum());
  }

  /** Failed writes, refused connections, bridge errors, failed resyncs, server-side closes and live gaps. */
  private static long errors(JsonObject s) {
    return s.getLong("writeFailures") + s.getLong("connectFailures") + s.getLong("bridgeErrors")
      + s.getLong("resyncFailures") + s.getLong("serverCloses") + s.getLong("liveGaps");
  }
}

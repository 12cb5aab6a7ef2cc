package io.jamanager.bench;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reconnect storm (bench/faults/reconnect-storm.sh): phones on a few jams, votes flowing; once all are
 * current it writes {@code --ready-file} and waits for the server to go away (the script restarts it).
 * Every phone then reconnects with the SPA's backoff and resyncs by seq. Reports when the last phone was
 * current again and how many never matched the database.
 */
final class Storm {

  private Storm() {
  }

  static JsonObject run(LoadGen.Args args) throws Exception {
    FaultLoad load = new FaultLoad(args, args.integer("jams", 4));
    Stats latency = new Stats();
    load.addPhones(args.integer("clients-per-jam", 500), micros -> latency.add(micros * 1000));
    long connectStart = System.currentTimeMillis();
    load.startPhones(load.phones, 200);
    if (!load.awaitCurrent(load.phones, 60_000)) {
      throw new IllegalStateException("phones not current 60 s after connecting: " + load.phoneCounts(load.phones));
    }
    double connectSeconds = (System.currentTimeMillis() - connectStart) / 1000.0;
    Promise<Void> stop = Promise.promise();
    var writes = load.steady(args.decimal("rate", 20), 0, 0, 0, stop.future());
    Thread.sleep(3000);
    Files.writeString(Path.of(args.string("ready-file")), String.valueOf(System.currentTimeMillis()));

    long waitDrop = System.currentTimeMillis() + 60_000;
    int n = load.phones.size();
    while (load.phones.stream().filter(p -> !p.open).count() < n * 0.95) {
      if (System.currentTimeMillis() > waitDrop) {
        throw new IllegalStateException("the server never went away");
      }
      Thread.sleep(20);
    }
    long dropAt = load.phones.stream().mapToLong(p -> p.closedAtMillis).filter(t -> t > 0).min().orElse(0);
    long dropped = load.phones.stream().filter(p -> p.closedAtMillis > 0).count();
    boolean allCurrent = load.awaitCurrent(load.phones, args.integer("recover-seconds", 120) * 1000L);
    Stats toCurrent = new Stats();
    long lastCurrent = 0;
    for (LivePhone p : load.phones) {
      if (p.current && p.currentAtMillis > dropAt) {
        toCurrent.add((p.currentAtMillis - dropAt) * 1_000_000);
        lastCurrent = Math.max(lastCurrent, p.currentAtMillis);
      }
    }
    // The script reads the server's gauges while every phone is back.
    Files.writeString(Path.of(args.string("current-file")), String.valueOf(lastCurrent));
    Thread.sleep(args.integer("hold-seconds", 8) * 1000L);
    stop.complete();
    FaultLoad.await(writes);
    Thread.sleep(1000);
    long notConverged = load.notConverged(load.phones, 30_000);
    JsonObject result = new JsonObject()
      .put("phones", n).put("jams", load.jams.size()).put("connectSeconds", Stats.round(connectSeconds, 1))
      .put("dropped", dropped).put("dropAtEpochMs", dropAt).put("lastCurrentAtEpochMs", lastCurrent)
      .put("allCurrentAgain", allCurrent)
      .put("dropToCurrentMs", toCurrent.summary())
      .put("notConverged", notConverged)
      .put("writes", load.answerCounts())
      .put("liveDeliveryMs", latency.summary())
      .mergeIn(load.phoneCounts(load.phones));
    load.close();
    return result;
  }
}

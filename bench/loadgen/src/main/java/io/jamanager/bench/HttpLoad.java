package io.jamanager.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP load: {@code concurrency} workers, each with its own keep-alive connection, send the
 * next request as soon as the previous answer is in. Modes:
 * <ul>
 *   <li>{@code snapshot}: {@code GET /api/v1/jams/{id}} of a random seeded jam, without a token;</li>
 *   <li>{@code vote}: a random (attendee, song) pair of the worker's own attendees — workers share none,
 *   as pgbench clients share none — voted for, then the vote withdrawn; each call counts as one vote.</li>
 * </ul>
 * Only answers that start and end inside the measured window count; any non-200 answer is an error.
 */
final class HttpLoad {

  private HttpLoad() {
  }

  /** One vote-load attendee: its jam, its token. */
  private record Voter(JsonObject jam, String token) {
  }

  static JsonObject run(LoadGen.Args args) throws Exception {
    String mode = args.string("mode");
    double seconds = args.decimal("seconds", 10);
    JsonObject seed = new JsonObject(Files.readString(Path.of(args.string("seed"))));
    JsonArray jams = seed.getJsonArray("jams");
    Vertx vertx = Vertx.vertx();
    // Both JVMs start cold: a long first round lets the JIT compilers finish before anything counts.
    int[] levels = java.util.Arrays.stream(args.string("concurrency", "8").split(",")).mapToInt(Integer::parseInt).toArray();
    long all = level(vertx, args, mode, jams, levels[levels.length - 1], args.decimal("warmup", 20), 0)
      .getLong("allRequests");
    JsonArray runs = new JsonArray();
    for (int concurrency : levels) {
      JsonObject run = level(vertx, args, mode, jams, concurrency, 2, seconds);
      all += run.getLong("allRequests");
      runs.add(run);
    }
    vertx.close();
    return new JsonObject().put("mode", mode).put("seconds", seconds).put("allRequests", all).put("runs", runs);
  }

  /** One concurrency level: {@code ramp} seconds not counted, then {@code seconds} measured. */
  private static JsonObject level(Vertx vertx, LoadGen.Args args, String mode, JsonArray jams, int concurrency,
                                  double ramp, double seconds) throws InterruptedException {
    Rest rest = new Rest(vertx, args.integer("port", 8080), concurrency);
    List<List<Voter>> owned = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      owned.add(new ArrayList<>());
    }
    int index = 0;
    for (int j = 0; j < jams.size(); j++) {
      for (Object a : jams.getJsonObject(j).getJsonArray("attendees")) {
        owned.get(index++ % concurrency).add(new Voter(jams.getJsonObject(j), ((JsonObject) a).getString("token")));
      }
    }
    long measureFrom = System.nanoTime() + (long) (ramp * 1e9);
    long measureTo = measureFrom + (long) (seconds * 1e9);
    Stats latency = new Stats();
    AtomicLong errors = new AtomicLong();
    AtomicLong all = new AtomicLong();
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int w = 0; w < concurrency; w++) {
      List<Voter> mine = owned.get(w);
      vertx.runOnContext(v -> loop(rest, mode, jams, mine, measureFrom, measureTo, latency, errors, all, done));
    }
    done.await();
    rest.close();
    return new JsonObject()
      .put("concurrency", concurrency)
      .put("requests", latency.count()).put("allRequests", all.get()).put("errors", errors.get())
      .put("perSecond", seconds == 0 ? 0 : Stats.round(latency.count() / seconds, 1))
      .put("latencyMs", latency.summary());
  }

  private static void loop(Rest rest, String mode, JsonArray jams, List<Voter> mine, long from, long to, Stats latency,
                           AtomicLong errors, AtomicLong all, CountDownLatch done) {
    long sent = System.nanoTime();
    if (sent >= to) {
      done.countDown();
      return;
    }
    all.addAndGet("vote".equals(mode) ? 2 : 1);
    Future<Void> work = "vote".equals(mode) ? voteAndWithdraw(rest, mine, from, to, latency, errors)
      : timed(rest.call(HttpMethod.GET, "/api/v1/jams/" + randomJam(jams).getLong("id"), null, null)
        .map(Rest.Answer::status), sent, from, to, latency, errors);
    work.onComplete(ar -> loop(rest, mode, jams, mine, from, to, latency, errors, all, done));
  }

  private static Future<Void> voteAndWithdraw(Rest rest, List<Voter> mine, long from, long to, Stats latency,
                                              AtomicLong errors) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Voter voter = mine.get(random.nextInt(mine.size()));
    JsonArray items = voter.jam().getJsonArray("items");
    String path = Seed.queue(voter.jam()) + "/" + items.getLong(random.nextInt(items.size())) + "/vote";
    long sent = System.nanoTime();
    return timed(rest.call(HttpMethod.POST, path, null, voter.token()).map(Rest.Answer::status), sent, from, to, latency, errors)
      .compose(v -> {
        long again = System.nanoTime();
        return timed(rest.call(HttpMethod.DELETE, path, null, voter.token()).map(Rest.Answer::status), again, from, to,
          latency, errors);
      });
  }

  private static JsonObject randomJam(JsonArray jams) {
    return jams.getJsonObject(ThreadLocalRandom.current().nextInt(jams.size()));
  }

  private static Future<Void> timed(Future<Integer> call, long sent, long from, long to, Stats latency, AtomicLong errors) {
    return call.transform(ar -> {
      long now = System.nanoTime();
      if (ar.failed() || ar.result() != 200) {
        errors.incrementAndGet();
      } else if (sent >= from && now <= to) {
        latency.add(now - sent);
      }
      return Future.succeededFuture();
    });
  }
}

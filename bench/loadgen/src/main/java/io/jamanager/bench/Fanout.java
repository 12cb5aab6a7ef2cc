package io.jamanager.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Vote → bridge fan-out. Opens {@code clients-per-jam} SockJS WebSocket sessions (the transport and
 * frames the browser's SockJS client uses) on each of the first {@code jams} seeded jams, spread over
 * the given server ports (after skipping {@code skip}), each registering {@code jam.<id>} with the jam's viewer token. One attendee
 * per jam then votes and withdraws in turn, at {@code rate} votes per second over all jams, one call in
 * flight per jam, so the k-th measured vote of a jam is event seq base+k. Every client must receive
 * every event: the latency of each (vote, client) pair is taken from the vote request being sent (an
 * upper bound of commit → arrival) and from its answer arriving (a lower bound).
 */
final class Fanout {

  private Fanout() {
  }

  /** One subscribed browser: which jam, which server, and when each measured event arrived. */
  private static final class Client implements BridgeSocket.Listener {
    final JamLoad jam;
    final int port;
    BridgeSocket socket;
    volatile long lastSeq;
    long[] arrival;
    int duplicates;
    int outOfOrder;
    int errors;
    volatile boolean closed;

    Client(JamLoad jam, int port) {
      this.jam = jam;
      this.port = port;
    }

    @Override
    public void onOpen(BridgeSocket socket) {
      socket.register("jam." + jam.jam.getLong("id"), jam.jam.getString("viewerToken"));
    }

    @Override
    public void onEvent(JsonObject body, long nanos) {
      onEvent(body.getLong("seq"), nanos);
    }

    @Override
    public void onError(JsonObject message) {
      errors++;
    }

    @Override
    public void onClose() {
      closed = true;
    }

    void onEvent(long seq, long now) {
      if (seq <= lastSeq) {
        if (seq == lastSeq) {
          duplicates++;
        } else {
          outOfOrder++;
        }
        return;
      }
      lastSeq = seq;
      long base = jam.base;
      if (base >= 0 && seq > base && seq - base <= arrival.length) {
        arrival[(int) (seq - base - 1)] = now;
      }
    }
  }

  /** One jam under load: its clients and its voter's measured votes. */
  private static final class JamLoad {
    final JsonObject jam;
    final String voterToken;
    final String votePath;
    final List<Client> clients = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    boolean voted;
    volatile long base = -1;
    int measured;
    long[] sent;
    long[] answered;
    int[] votePort;
    int failed;

    JamLoad(JsonObject jam) {
      this.jam = jam;
      JsonObject voter = jam.getJsonArray("attendees").getJsonObject(0);
      this.voterToken = voter.getString("token");
      this.votePath = Seed.queue(jam) + "/" + jam.getJsonArray("items").getLong(0) + "/vote";
    }
  }

  static JsonObject run(LoadGen.Args args) throws Exception {
    JsonObject seed = new JsonObject(Files.readString(Path.of(args.string("seed"))));
    int jamCount = args.integer("jams", 50);
    int skip = args.integer("skip", 0);
    int perJam = args.integer("clients-per-jam", 100);
    double rate = args.decimal("rate", 100);
    double seconds = args.decimal("seconds", 30);
    int[] ports = ints(args.string("ports", "8080"));
    int[] pids = ints(args.string("pids", ""));
    JsonArray seeded = seed.getJsonArray("jams");
    if (seeded.size() < skip + jamCount) {
      throw new IllegalArgumentException("the seed has " + seeded.size() + " jams, not " + (skip + jamCount));
    }

    Vertx vertx = Vertx.vertx();
    List<Rest> rests = new ArrayList<>();
    for (int port : ports) {
      rests.add(new Rest(vertx, port, Math.min(jamCount, 64)));
    }
    List<JamLoad> loads = new ArrayList<>();
    List<Client> clients = new ArrayList<>();
    for (int j = 0; j < jamCount; j++) {
      JamLoad load = new JamLoad(seeded.getJsonObject(skip + j));
      loads.add(load);
      for (int c = 0; c < perJam; c++) {
        Client client = new Client(load, ports[clients.size() % ports.length]);
        load.clients.add(client);
        clients.add(client);
      }
    }
    RssSampler rss = new RssSampler(vertx, pids);

    long connectStart = System.nanoTime();
    WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients.size() + 10)
      .setConnectTimeout(30_000));
    connectAll(ws, clients, 200);
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    // Pings as the browser client sends them (--ping-ms: bench/lib.sh passes the SPA's LIVE_PING_INTERVAL_MS),
    // phases spread over one interval: the bridge closes a socket silent past LIVE_PING_TIMEOUT_SECONDS.
    int pingMs = args.integer("ping-ms", 10_000);
    for (Client client : clients) {
      vertx.setPeriodic(1 + ThreadLocalRandom.current().nextInt(pingMs), pingMs, t -> client.socket.ping());
    }
    Thread.sleep(2000);

    // Warm-up: votes on every jam until each of its clients has seen its latest event (a client
    // registers asynchronously, after its token is checked, and misses what came before).
    List<JamLoad> waiting = new ArrayList<>(loads);
    for (int round = 0; round < 40 && !waiting.isEmpty(); round++) {
      List<Future<Void>> all = new ArrayList<>();
      for (JamLoad load : waiting) {
        all.add(vote(load, rests.get(0), -1, 0));
      }
      await(Future.all(all));
      Thread.sleep(round < 2 ? 200 : 500);
      waiting.removeIf(load -> {
        long top = load.clients.stream().mapToLong(c -> c.lastSeq).max().orElse(0);
        return top > 0 && load.clients.stream().allMatch(c -> c.lastSeq == top);
      });
    }
    if (!waiting.isEmpty()) {
      long closed = clients.stream().filter(c -> c.closed).count();
      long errors = clients.stream().mapToLong(c -> c.errors).sum();
      throw new IllegalStateException(waiting.size() + " jams have clients that never received an event ("
        + closed + " sockets closed, " + errors + " bridge errors)");
    }
    long idleRss = rss.sampleNow();
    // Both JVMs start cold: votes at the steady rate, not measured, until the JIT compilers settle.
    await(steady(vertx, loads, rests, ports, rate, (int) Math.round(rate * args.decimal("warmup", 15)), false));
    Thread.sleep(500);
    for (JamLoad load : loads) {
      load.chain = Future.succeededFuture();
    }

    int total = (int) Math.round(rate * seconds);
    for (JamLoad load : loads) {
      load.measured = (total + jamCount - 1) / jamCount;
      load.sent = new long[load.measured];
      load.answered = new long[load.measured];
      load.votePort = new int[load.measured];
      load.clients.forEach(c -> c.arrival = new long[load.measured]);
      load.base = load.clients.stream().mapToLong(c -> c.lastSeq).max().orElse(0);
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long[] serverCpuBefore = rss.cpuTicks();
    long measureStart = System.nanoTime();
    await(steady(vertx, loads, rests, ports, rate, jamCount * loads.get(0).measured, true));
    double measuredSeconds = (System.nanoTime() - measureStart) / 1e9;
    long drainBy = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < drainBy && !allArrived(loads)) {
      Thread.sleep(100);
    }
    long cpuUsed = os.getProcessCpuTime() - cpuBefore;
    long[] serverCpuAfter = rss.cpuTicks();

    Stats fromSend = new Stats();
    Stats fromAnswer = new Stats();
    Stats same = new Stats();
    Stats cross = new Stats();
    long expected = 0;
    long lost = 0;
    int failedVotes = 0;
    int duplicates = 0;
    int outOfOrder = 0;
    int bridgeErrors = 0;
    for (JamLoad load : loads) {
      failedVotes += load.failed;
      for (Client client : load.clients) {
        duplicates += client.duplicates;
        outOfOrder += client.outOfOrder;
        bridgeErrors += client.errors;
        for (int k = 0; k < load.measured; k++) {
          if (load.answered[k] == 0) {
            continue;
          }
          expected++;
          long at = client.arrival[k];
          if (at == 0) {
            lost++;
            continue;
          }
          long latency = at - load.sent[k];
          fromSend.add(latency);
          fromAnswer.add(Math.max(0, at - load.answered[k]));
          (client.port == load.votePort[k] ? same : cross).add(latency);
        }
      }
    }
    rss.stop();
    String dist = args.string("dist", "");
    if (!dist.isEmpty()) {
      Files.writeString(Path.of(dist), distribution(fromSend));
    }
    ws.close();
    vertx.close();

    JsonObject result = new JsonObject()
      .put("scenario", args.string("label", "fanout"))
      .put("jams", jamCount).put("clientsPerJam", perJam).put("clients", clients.size())
      .put("ports", new JsonArray(java.util.Arrays.stream(ports).boxed().toList()))
      .put("votesPerSecond", rate).put("votes", jamCount * loads.get(0).measured).put("failedVotes", failedVotes)
      .put("measuredSeconds", Stats.round(measuredSeconds, 1))
      .put("deliveriesExpected", expected).put("lost", lost).put("duplicates", duplicates).put("outOfOrder", outOfOrder)
      .put("bridgeErrors", bridgeErrors)
      .put("socketsClosed", clients.stream().filter(c -> c.closed).count())
      .put("sendToArrivalMs", fromSend.summary())
      .put("answerToArrivalMs", fromAnswer.summary())
      .put("connectSeconds", Stats.round(connectSeconds, 1))
      .put("serverRssMb", new JsonObject().put("idleWithClients", mb(idleRss)).put("max", mb(rss.max())))
      .put("serverCpuPercent", Stats.round(RssSampler.percent(serverCpuBefore, serverCpuAfter, measuredSeconds), 0))
      .put("loadgenCpuPercent", Stats.round(cpuUsed / 1e7 / measuredSeconds, 0));
    if (ports.length > 1) {
      result.put("sameInstanceMs", same.summary()).put("crossInstanceMs", cross.summary());
    }
    return result;
  }

  /**
   * {@code total} votes at a steady rate: tick n goes to jam n % jams, as its (n / jams)-th vote, on
   * server n % ports; one call in flight per jam. All scheduling happens on one event loop.
   */
  private static Future<Void> steady(Vertx vertx, List<JamLoad> loads, List<Rest> rests, int[] ports, double rate,
                                     int total, boolean measured) {
    Promise<Void> done = Promise.promise();
    int[] tick = {0};
    long start = System.nanoTime();
    long periodNanos = (long) (1e9 / rate);
    vertx.setPeriodic(1, t -> {
      long due = (System.nanoTime() - start) / periodNanos + 1;
      while (tick[0] < Math.min(due, total)) {
        int n = tick[0]++;
        JamLoad load = loads.get(n % loads.size());
        int k = measured ? n / loads.size() : -1;
        load.chain = load.chain.compose(v -> vote(load, rests.get(n % ports.length), k, ports[n % ports.length]));
      }
      if (tick[0] >= total) {
        vertx.cancelTimer(t);
        Future.all(loads.stream().map(l -> l.chain).collect(Collectors.toList())).<Void>mapEmpty().onComplete(done);
      }
    });
    return done.future();
  }

  private static Future<Void> vote(JamLoad load, Rest rest, int k, int port) {
    HttpMethod method = load.voted ? HttpMethod.DELETE : HttpMethod.POST;
    long sent = System.nanoTime();
    return rest.call(method, load.votePath, null, load.voterToken).transform(ar -> {
      long now = System.nanoTime();
      if (ar.succeeded() && ar.result().status() == 200) {
        load.voted = !load.voted;
        if (k >= 0) {
          load.sent[k] = sent;
          load.answered[k] = now;
          load.votePort[k] = port;
        }
      } else if (k >= 0) {
        load.failed++;
      } else {
        return Future.failedFuture("warm-up vote failed: " + (ar.failed() ? ar.cause() : ar.result().body()));
      }
      return Future.succeededFuture();
    });
  }

  private static boolean allArrived(List<JamLoad> loads) {
    for (JamLoad load : loads) {
      for (Client c : load.clients) {
        for (int k = 0; k < load.measured; k++) {
          if (load.answered[k] != 0 && c.arrival[k] == 0) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static void connectAll(WebSocketClient ws, List<Client> clients, int inFlight) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < inFlight; lane++) {
      lanes.add(connectNext(ws, clients, next));
    }
    await(Future.all(lanes));
  }

  private static Future<Void> connectNext(WebSocketClient ws, List<Client> clients, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= clients.size()) {
      return Future.succeededFuture();
    }
    Client client = clients.get(i);
    return connect(ws, client).compose(v -> connectNext(ws, clients, next));
  }

  private static Future<Void> connect(WebSocketClient ws, Client client) {
    return BridgeSocket.connect(ws, client.port, client).map(socket -> {
      client.socket = socket;
      return null;
    });
  }

  /** Latency percentiles 0, 0.1, …, 100 in ms, one per line: the plot's input. */
  private static String distribution(Stats stats) {
    long[] sorted = stats.sorted();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i <= 1000; i++) {
      out.append(i / 10.0).append(' ').append(Stats.ms(Stats.percentile(sorted, i / 1000.0))).append('\n');
    }
    return out.toString();
  }

  private static double mb(long bytes) {
    return Stats.round(bytes / 1048576.0, 1);
  }

  private static int[] ints(String list) {
    return list.isBlank() ? new int[0] : java.util.Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }
}

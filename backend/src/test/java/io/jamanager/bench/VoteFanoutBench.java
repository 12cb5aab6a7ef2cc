package io.jamanager.bench;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.jamanager.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Latency from a vote's HTTP answer to its arrival at N bridge clients of the same jam (bench/README.md).
 * Run with bench/vote-fanout.sh; not part of the test suite.
 */
public final class VoteFanoutBench {

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int votes = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    try (TestApp app = TestApp.start(java.util.Map.of("LOG_LEVEL", "warn"))) {
      TestDatabase.reset();
      Http http = new Http(app.port());
      Api api = new Api(http);
      String host = api.hostToken();
      JsonObject jam = api.createJam(host, "Bench");
      String ana = api.join(jam, "Ana").getString("token");
      long item = api.suggest(jam, host, "Song", "X").getLong("id");
      String viewer = api.snapshot(jam, null).getString("viewerToken");

      Vertx vertx = Vertx.vertx();
      ConcurrentHashMap<Long, long[]> arrivals = new ConcurrentHashMap<>();
      // Keyed by seq: a client may receive the event before the HTTP answer reaches us.
      ConcurrentHashMap<Long, CountDownLatch> pending = new ConcurrentHashMap<>();
      WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients));
      List<WebSocket> sockets = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int index = c;
        WebSocket ws = wsClient.connect(app.port(), "127.0.0.1", "/eventbus/websocket")
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        ws.handler(data -> {
          if (data.length() < 40 && data.toString().contains("pong")) {
            return;
          }
          long now = System.nanoTime();
          JsonObject frame = new JsonObject(data);
          if ("rec".equals(frame.getString("type"))) {
            long seq = new JsonObject(frame.getString("body")).getLong("seq");
            arrivals.computeIfAbsent(seq, s -> new long[clients])[index] = now;
            pending.computeIfAbsent(seq, s -> new CountDownLatch(clients)).countDown();
          }
        });
        ws.writeTextMessage(new JsonObject().put("type", "register").put("address", "jam." + jam.getLong("id"))
          .put("headers", new JsonObject().put("Authorization", "Bearer " + viewer)).encode());
        sockets.add(ws);
      }
      // The bridge closes sockets that stay silent past its ping timeout (10 s), as browsers' clients never do.
      vertx.setPeriodic(5000, t -> sockets.forEach(ws -> ws.writeTextMessage("{\"type\":\"ping\"}")));
      Thread.sleep(1000);
      // Warm-up: the first votes pay for class loading and JIT.
      for (int w = 0; w < 50; w++) {
        (w % 2 == 0 ? api.vote(jam, item, ana) : http.delete(Api.queue(jam) + "/" + item + "/vote", ana)).status();
      }
      Thread.sleep(500);

      long[] latencies = new long[clients * votes];
      long[] fromSend = new long[clients * votes];
      int n = 0;
      long seqBefore = api.snapshot(jam, null).getLong("seq");
      for (int v = 0; v < votes; v++) {
        long seq = seqBefore + v + 1;
        CountDownLatch all = pending.computeIfAbsent(seq, s -> new CountDownLatch(clients));
        long sent = System.nanoTime();
        Http.Response r = v % 2 == 0 ? api.vote(jam, item, ana) : http.delete(Api.queue(jam) + "/" + item + "/vote", ana);
        long answered = System.nanoTime();
        if (r.status() != 200 || !all.await(5, TimeUnit.SECONDS)) {
          throw new IllegalStateException("vote " + v + " did not reach every client: " + r.status());
        }
        for (long t : arrivals.get(seq)) {
          latencies[n] = Math.max(0, t - answered);
          fromSend[n++] = t - sent;
        }
      }
      Arrays.sort(latencies);
      Arrays.sort(fromSend);
      System.out.printf("clients=%d votes=%d samples=%d%n", clients, votes, n);
      System.out.printf("  HTTP answer -> arrival: p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
        latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6, latencies[n - 1] / 1e6);
      System.out.printf("  request sent -> arrival: p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
        fromSend[n / 2] / 1e6, fromSend[(int) (n * 0.99)] / 1e6, fromSend[n - 1] / 1e6);
      sockets.forEach(WebSocket::close);
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    System.exit(0);
  }
}

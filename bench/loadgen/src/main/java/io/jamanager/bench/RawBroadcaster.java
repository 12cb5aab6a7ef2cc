package io.jamanager.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fan-out limit: the least a server can do to turn a vote into a frame on every subscribed socket.
 * It speaks the same wire as JaManager's bridge (SockJS WebSocket frames carrying bridge "rec" messages)
 * so the same clients measure it, but checks no token, touches no database and builds each event's
 * frame once, then writes that one string to every socket of the jam.
 */
final class RawBroadcaster extends VerticleBase {

  private static final Pattern VOTE = Pattern.compile("/api/v1/jams/([0-9]+)/queue/([0-9]+)/vote");
  private static final Map<Long, Set<ServerWebSocket>> SUBSCRIBERS = new ConcurrentHashMap<>();
  private static final Map<Long, AtomicLong> SEQS = new ConcurrentHashMap<>();

  private final int port;

  private RawBroadcaster(int port) {
    this.port = port;
  }

  static JsonObject run(LoadGen.Args args) throws Exception {
    int port = args.integer("port", 8090);
    Vertx vertx = Vertx.vertx();
    // As many server instances as the JaManager HTTP verticle deploys: one per core.
    Fanout.await(vertx.deployVerticle(() -> new RawBroadcaster(port),
      new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())));
    System.err.println("raw broadcaster ready on port " + port);
    new CountDownLatch(1).await();
    return null;
  }

  @Override
  public Future<?> start() {
    HttpServer server = vertx.createHttpServer()
      .webSocketHandler(this::onSocket)
      .requestHandler(this::onRequest);
    return server.listen(port);
  }

  private void onSocket(ServerWebSocket socket) {
    socket.writeTextMessage("o");
    socket.textMessageHandler(text -> {
      for (Object frame : new JsonArray(text)) {
        JsonObject message = new JsonObject((String) frame);
        String address = message.getString("address", "");
        if ("register".equals(message.getString("type")) && address.startsWith("jam.")) {
          long jamId = Long.parseLong(address.substring(4));
          SUBSCRIBERS.computeIfAbsent(jamId, id -> ConcurrentHashMap.newKeySet()).add(socket);
          socket.closeHandler(v -> SUBSCRIBERS.get(jamId).remove(socket));
        }
      }
    });
  }

  private void onRequest(HttpServerRequest request) {
    Matcher m = VOTE.matcher(request.path());
    if (!m.matches()) {
      request.response().setStatusCode(404).end();
      return;
    }
    long jamId = Long.parseLong(m.group(1));
    long itemId = Long.parseLong(m.group(2));
    boolean up = "POST".equals(request.method().name());
    long seq = SEQS.computeIfAbsent(jamId, id -> new AtomicLong()).incrementAndGet();
    JsonObject event = new JsonObject().put("seq", seq).put("type", "vote.changed").put("jamId", jamId)
      .put("at", Instant.now().toString()).put("data", new JsonObject().put("itemId", itemId).put("votes", up ? 1 : 0));
    String frame = "a" + new JsonArray().add(new JsonObject().put("type", "rec").put("address", "jam." + jamId)
      .put("body", event).encode()).encode();
    for (ServerWebSocket socket : SUBSCRIBERS.getOrDefault(jamId, Set.of())) {
      socket.writeTextMessage(frame);
    }
    request.response().putHeader("Content-Type", "application/json")
      .end(new JsonObject().put("voted", up).put("votes", up ? 1 : 0).encode());
  }
}

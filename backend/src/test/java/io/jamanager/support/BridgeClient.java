package io.jamanager.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client speaking the event-bus bridge protocol over SockJS's raw WebSocket endpoint. */
public final class BridgeClient implements AutoCloseable {

  private final WebSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  private BridgeClient(WebSocket socket) {
    this.socket = socket;
    // Text messages only, as a browser's bridge client reads them: a binary frame would reach it as a Blob.
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
  }

  public static BridgeClient connect(Vertx vertx, int port) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = client.connect(port, "127.0.0.1", "/eventbus/websocket")
      .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return new BridgeClient(ws);
  }

  public void register(String address, String token) {
    JsonObject frame = new JsonObject().put("type", "register").put("address", address);
    if (token != null) {
      frame.put("headers", new JsonObject().put("Authorization", "Bearer " + token));
    }
    socket.writeTextMessage(frame.encode());
  }

  public void send(String type, String address, JsonObject body) {
    socket.writeTextMessage(new JsonObject().put("type", type).put("address", address).put("body", body).encode());
  }

  /** Any text, as a misbehaving client might send it. */
  public void raw(String text) {
    socket.writeTextMessage(text);
  }

  /** The next frame, or null after the timeout. */
  public JsonObject next(long millis) throws InterruptedException {
    return frames.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** The next delivered event body (an object, as the stock bridge delivers it), or null after the timeout. */
  public JsonObject nextEvent(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      JsonObject frame = next(Math.max(1, deadline - System.currentTimeMillis()));
      if (frame == null) {
        return null;
      }
      if ("rec".equals(frame.getString("type"))) {
        return frame.getJsonObject("body");
      }
      if ("err".equals(frame.getString("type"))) {
        return frame;
      }
    }
  }

  /** The next delivered event of this type, skipping others (such as a join's count), or null after the timeout. */
  public JsonObject nextEventOfType(String type, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      JsonObject event = nextEvent(Math.max(1, deadline - System.currentTimeMillis()));
      if (event == null || type.equals(event.getString("type"))) {
        return event;
      }
      if (System.currentTimeMillis() >= deadline) {
        return null;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}

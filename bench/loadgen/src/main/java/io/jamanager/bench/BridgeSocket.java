package io.jamanager.bench;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One SockJS session over its WebSocket transport, framed as the browser's SockJS client and
 * {@code @vertx/eventbus-bridge-client.js} frame it: "o" opens the session, "a[…]" carries bridge
 * messages (each a JSON string), and the client sends {@code ["{…}"]} arrays. Shared by the fan-out
 * benchmark and the fault driver's phones.
 */
final class BridgeSocket {

  /** What the session reports; all calls arrive on the socket's context. */
  interface Listener {
    /** The session is open ("o"): register now. */
    void onOpen(BridgeSocket socket);

    /** A {@code rec} message: the published body, an object (as the stock bridge delivers it). */
    void onEvent(JsonObject body, long nanos);

    /** An {@code err} message, e.g. a refused registration. */
    void onError(JsonObject message);

    /** The socket closed, by either side. */
    void onClose();
  }

  private static final String PING = new JsonArray().add(new JsonObject().put("type", "ping").encode()).encode();

  private final WebSocket socket;
  private volatile boolean closed;

  private BridgeSocket(WebSocket socket) {
    this.socket = socket;
  }

  /** Connects to {@code /eventbus/<server>/<session>/websocket} on the port, as SockJS names its sessions. */
  static Future<BridgeSocket> connect(WebSocketClient ws, int port, Listener listener) {
    String session = Long.toHexString(ThreadLocalRandom.current().nextLong());
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
      .setURI("/eventbus/" + ThreadLocalRandom.current().nextInt(1000) + "/" + session + "/websocket");
    return ws.connect(options).map(socket -> {
      BridgeSocket bridge = new BridgeSocket(socket);
      socket.closeHandler(v -> {
        bridge.closed = true;
        listener.onClose();
      });
      socket.exceptionHandler(err -> socket.close());
      socket.textMessageHandler(text -> bridge.onFrame(text, listener));
      return bridge;
    });
  }

  /** Registers for an address with the token the SPA sends: {@code Authorization: Bearer …}. */
  void register(String address, String token) {
    send(new JsonObject().put("type", "register").put("address", address)
      .put("headers", new JsonObject().put("Authorization", "Bearer " + token)));
  }

  /** The bridge closes a socket silent past its ping timeout; the browser client pings on a timer. */
  void ping() {
    if (!closed) {
      socket.writeTextMessage(PING);
    }
  }

  boolean closed() {
    return closed;
  }

  void close() {
    if (!closed) {
      socket.close();
    }
  }

  private void send(JsonObject message) {
    if (!closed) {
      socket.writeTextMessage(new JsonArray().add(message.encode()).encode());
    }
  }

  private void onFrame(String text, Listener listener) {
    long now = System.nanoTime();
    switch (text.charAt(0)) {
      case 'o' -> listener.onOpen(this);
      case 'a' -> {
        for (Object frame : new JsonArray(text.substring(1))) {
          JsonObject message = new JsonObject((String) frame);
          if ("rec".equals(message.getString("type"))) {
            listener.onEvent(message.getJsonObject("body"), now);
          } else if ("err".equals(message.getString("type"))) {
            listener.onError(message);
          }
        }
      }
      case 'c' -> socket.close();
      default -> { }
    }
  }
}

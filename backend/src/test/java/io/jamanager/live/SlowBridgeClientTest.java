package io.jamanager.live;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jamanager.support.CapturedLog;

import io.jamanager.support.Api;
import io.jamanager.support.BridgeClient;
import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.jamanager.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A socket that stops reading is dropped once its backlog passes the limit; everyone else is served. */
class SlowBridgeClientTest {

  private static TestApp app;
  private static Api api;
  private static Http http;
  private static Vertx clientVertx;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    TestDatabase.reset();
    http = new Http(app.port());
    api = new Api(http);
    clientVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    clientVertx.close().toCompletionStage().toCompletableFuture().get();
    app.close();
  }

  @Test
  void aSocketThatStopsReadingIsDroppedWhileOthersGetEveryEvent() throws Exception {
    JsonObject jam = api.createJam(api.hostToken(), "Stuck");
    String viewer = api.snapshot(jam, null).getString("viewerToken");
    String address = "jam." + jam.getLong("id");
    int events = 400;
    String big = "x".repeat(8 * 1024);

    try (CapturedLog log = new CapturedLog()) {
      dropsTheStuckOne(address, viewer, events, big);
      // The dropped peer's disconnect is routine: an operator's log gets no ERROR and no stack trace for it.
      Thread.sleep(1000);
      assertThat(log.events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
  }

  private void dropsTheStuckOne(String address, String viewer, int events, String big) throws Exception {
    try (BridgeClient reader = BridgeClient.connect(clientVertx, app.port());
         Socket stuck = stuckClient(app.port(), address, viewer)) {
      reader.register(address, viewer);
      Thread.sleep(300);
      assertThat(metric("jamanager_bridge_sockets")).isEqualTo(2);

      // 3.2 MB for each socket, at a pace a reading client keeps up with: far beyond what the kernel's
      // buffers and the write-queue limit hold for a peer that never reads.
      for (int i = 0; i < events; i++) {
        app.app().vertx().eventBus().publish(address, "{\"seq\":" + (i + 1) + ",\"pad\":\"" + big + "\"}");
        Thread.sleep(10);
      }
      for (int i = 1; i <= events; i++) {
        JsonObject event = reader.nextEvent(5000);
        assertThat(event).as("event " + i + " at the reading client").isNotNull();
        assertThat(event.getLong("seq")).isEqualTo(i);
      }
      assertThat(metric("jamanager_bridge_slow_dropped_total")).as("the stuck socket was dropped").isEqualTo(1);
      assertThat(metric("jamanager_bridge_sockets")).isEqualTo(1);
      // Like the SPA, the stuck client keeps pinging: the answers go to a socket the server has closed.
      for (int i = 0; i < 3; i++) {
        stuck.getOutputStream().write(maskedTextFrame("[\"{\\\"type\\\":\\\"ping\\\"}\"]"));
        stuck.getOutputStream().flush();
        Thread.sleep(100);
      }
    }
  }

  /** A SockJS WebSocket session, as the SPA's client opens, that registers and then never reads again. */
  private static Socket stuckClient(int port, String address, String token) throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET /eventbus/000/stuck/websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("handshake answer").isNotNegative();
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
    String register = new JsonObject().put("type", "register").put("address", address)
      .put("headers", new JsonObject().put("Authorization", "Bearer " + token)).encode();
    out.write(maskedTextFrame(new JsonArray().add(register).encode()));
    out.flush();
    return socket;
  }

  private static byte[] maskedTextFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    int extra = payload.length < 126 ? 0 : 2;
    byte[] frame = new byte[2 + extra + 4 + payload.length];
    frame[0] = (byte) 0x81;
    if (extra == 0) {
      frame[1] = (byte) (0x80 | payload.length);
    } else {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (payload.length >> 8);
      frame[3] = (byte) payload.length;
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    System.arraycopy(mask, 0, frame, 2 + extra, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + extra + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return frame;
  }

  private static double metric(String name) {
    double sum = 0;
    for (String line : http.get("/metrics").body().split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}

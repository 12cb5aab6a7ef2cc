package io.jamanager.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.config.Setting;
import io.jamanager.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SPA's ping interval against the server's silence timeout, on a real WebSocket. Time is scaled down
 * (the server's timeout set to 4 s) with the real ratio of interval to timeout, read from the SPA's config
 * and the server's default.
 */
class LivePingTest {

  /** Long enough that a loaded test machine's scheduling delays stay small beside the margins under test. */
  private static final int TEST_TIMEOUT_SECONDS = 4;
  private static final String PING = "{\"type\":\"ping\"}";

  private Vertx vertx;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theServersDefaultTimeoutIsAtLeastThreeOfTheSpasPingIntervals() throws Exception {
    assertThat(defaultTimeoutMs()).isGreaterThanOrEqualTo(3 * spaPingIntervalMs());
  }

  @Test
  void pingsWithRealisticJitterAndOneLostPingKeepTheSocketOpen() throws Exception {
    // 10 s ± 3 s against 30 s, scaled: 1.33 s ± 0.4 s against 4 s.
    double scale = TEST_TIMEOUT_SECONDS * 1000.0 / defaultTimeoutMs();
    long interval = Math.round(spaPingIntervalMs() * scale);
    long jitter = Math.round(interval * 0.3);
    try (TestApp app = TestApp.start(Map.of("LIVE_PING_TIMEOUT_SECONDS", String.valueOf(TEST_TIMEOUT_SECONDS)))) {
      WebSocket socket = connect(app.port());
      CompletableFuture<Long> closed = closedAt(socket);
      AtomicInteger answers = new AtomicInteger();
      socket.handler(frame -> answers.incrementAndGet());
      Random random = new Random(17);
      long start = System.currentTimeMillis();
      int sent = 0;
      while (System.currentTimeMillis() - start < 4L * TEST_TIMEOUT_SECONDS * 1000) {
        long delay = interval - jitter + random.nextInt((int) (2 * jitter + 1));
        if (sent == 4) {
          // A busy phone: one ping never leaves.
          delay += interval;
        }
        Thread.sleep(delay);
        assertThat(closed).as("closed after %d pings", sent).isNotDone();
        socket.writeTextMessage(PING);
        sent++;
      }
      Thread.sleep(500);
      assertThat(closed).isNotDone();
      // As the stock bridge: a ping is not answered (the official client would log each answer as a
      // message without a handler).
      assertThat(answers.get()).isZero();
    }
  }

  @Test
  void aSocketSilentPastTheTimeoutIsClosed() throws Exception {
    try (TestApp app = TestApp.start(Map.of("LIVE_PING_TIMEOUT_SECONDS", String.valueOf(TEST_TIMEOUT_SECONDS)))) {
      long opened = System.currentTimeMillis();
      WebSocket socket = connect(app.port());
      // Checked every half timeout: closed between one and one and a half timeouts of silence.
      long closed = closedAt(socket).get(TEST_TIMEOUT_SECONDS * 1500L + 2000, TimeUnit.MILLISECONDS);
      assertThat(closed - opened).isGreaterThanOrEqualTo(TEST_TIMEOUT_SECONDS * 1000L - 100);
    }
  }

  private WebSocket connect(int port) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    return client.connect(port, "127.0.0.1", "/eventbus/websocket")
      .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static CompletableFuture<Long> closedAt(WebSocket socket) {
    CompletableFuture<Long> closed = new CompletableFuture<>();
    socket.closeHandler(v -> closed.complete(System.currentTimeMillis()));
    return closed;
  }

  private static long defaultTimeoutMs() {
    return Long.parseLong(Setting.LIVE_PING_TIMEOUT_SECONDS.defaultValue()) * 1000;
  }

  /** LIVE_PING_INTERVAL_MS in frontend/src/config.ts, the value the SPA pings at. */
  private static long spaPingIntervalMs() throws Exception {
    String config = Files.readString(Path.of("..", "frontend", "src", "config.ts"));
    Matcher m = Pattern.compile("export const LIVE_PING_INTERVAL_MS = ([0-9_]+);").matcher(config);
    assertThat(m.find()).as("LIVE_PING_INTERVAL_MS in frontend/src/config.ts").isTrue();
    return Long.parseLong(m.group(1).replace("_", ""));
  }
}

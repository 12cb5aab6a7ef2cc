package io.jamanager.bench;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow and stuck clients (bench/faults/slow-clients.sh): normal phones ({@link LivePhone}) plus raw SockJS
 * WebSocket clients that register and then never read, or read at a few KB/s, while writes with large
 * events (suggestions carrying chord sheets) run. The stuck ones keep pinging, so only the bridge's
 * write-queue limit can drop them. Afterwards one stuck client's jam and seq are taken up by a fresh
 * phone, which must catch up by seq.
 */
final class SlowClients {

  private SlowClients() {
  }

  /** A raw client: a blocking socket with a small receive window, reading never or at a trickle. */
  private static final class RawClient {
    final FaultLoad.Jam jam;
    final long seqAtStart;
    final int bytesPerSecond;
    final Socket socket = new Socket();
    final AtomicLong received = new AtomicLong();
    volatile boolean ended;
    OutputStream out;

    RawClient(FaultLoad.Jam jam, long seqAtStart, int bytesPerSecond) {
      this.jam = jam;
      this.seqAtStart = seqAtStart;
      this.bytesPerSecond = bytesPerSecond;
    }

    void connect(int port, String token) throws IOException {
      socket.setReceiveBufferSize(8192);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      out = socket.getOutputStream();
      String path = "/eventbus/" + ThreadLocalRandom.current().nextInt(1000) + "/"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "/websocket";
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("no handshake answer");
        }
        head.append((char) b);
      }
      if (!head.toString().startsWith("HTTP/1.1 101")) {
        throw new IOException("handshake refused: " + head);
      }
      JsonObject register = new JsonObject().put("type", "register").put("address", "jam." + jam.id)
        .put("headers", new JsonObject().put("Authorization", "Bearer " + token));
      send(new JsonArray().add(register.encode()).encode());
    }

    synchronized void send(String text) throws IOException {
      out.write(maskedTextFrame(text));
      out.flush();
    }

    /** Reads at bytesPerSecond until the server ends the connection or {@code untilMillis}. */
    void trickle(long untilMillis) {
      byte[] buf = new byte[512];
      long start = System.currentTimeMillis();
      try {
        socket.setSoTimeout(1000);
        InputStream in = socket.getInputStream();
        while (System.currentTimeMillis() < untilMillis) {
          long allowed = (System.currentTimeMillis() - start) * bytesPerSecond / 1000;
          if (received.get() >= allowed) {
            Thread.sleep(50);
            continue;
          }
          try {
            int n = in.read(buf);
            if (n < 0) {
              ended = true;
              return;
            }
            received.addAndGet(n);
          } catch (SocketTimeoutException e) {
            // nothing to read yet
          }
        }
      } catch (IOException e) {
        ended = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Reads everything at full speed: true when the server had closed the connection (EOF or reset). */
    boolean drainToEnd(long timeoutMs) {
      byte[] buf = new byte[65536];
      long until = System.currentTimeMillis() + timeoutMs;
      try {
        // Longer than the server's WebSocket closing timeout (10 s), which a peer that never answers waits out.
        socket.setSoTimeout(12_000);
        InputStream in = socket.getInputStream();
        while (System.currentTimeMillis() < until) {
          int n = in.read(buf);
          if (n < 0) {
            return true;
          }
          received.addAndGet(n);
        }
      } catch (SocketTimeoutException e) {
        return ended;
      } catch (IOException e) {
        return true;
      }
      return ended;
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // gone already
      }
    }
  }

  static JsonObject run(LoadGen.Args args) throws Exception {
    FaultLoad load = new FaultLoad(args, args.integer("jams", 10));
    Stats[] latency = {new Stats()};
    load.addPhones(args.integer("clients-per-jam", 100), micros -> latency[0].add(micros * 1000));
    load.startPhones(load.phones, 200);
    if (!load.awaitCurrent(load.phones, 60_000)) {
      throw new IllegalStateException("phones not current 60 s after connecting: " + load.phoneCounts(load.phones));
    }
    Promise<Void> stop = Promise.promise();
    var writes = load.steady(args.decimal("rate", 50), args.decimal("suggest-share", 0.3), 0.02, 0.02, stop.future());
    // As the soak: both JVMs start cold, and the first seconds of writes are not the night.
    Thread.sleep((long) (args.decimal("warmup", 20) * 1000));

    Map<Long, Long> startSeqs = load.dbSeqs();
    int stuckCount = args.integer("stuck", 200);
    int throttledCount = args.integer("throttled", 200);
    int throttle = args.integer("throttle-bytes-per-second", 2048);
    List<RawClient> stuck = new ArrayList<>();
    List<RawClient> throttled = new ArrayList<>();
    for (int i = 0; i < stuckCount + throttledCount; i++) {
      FaultLoad.Jam jam = load.jams.get(i % load.jams.size());
      RawClient c = new RawClient(jam, startSeqs.get(jam.id), i < stuckCount ? 0 : throttle);
      c.connect(load.port, jam.token(i));
      (i < stuckCount ? stuck : throttled).add(c);
    }
    List<RawClient> raw = new ArrayList<>(stuck);
    raw.addAll(throttled);
    ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
    pinger.scheduleAtFixedRate(() -> raw.forEach(c -> {
      try {
        c.send("[\"{\\\"type\\\":\\\"ping\\\"}\"]");
      } catch (IOException e) {
        c.ended = true;
      }
    }), 2, 4, TimeUnit.SECONDS);
    Thread.sleep(1000);
    // Measured from here: the slow clients are all registered (their connecting is a join burst, not
    // what this scenario is about), and the server drops them while the phones are measured.
    latency[0] = new Stats();

    double seconds = args.decimal("seconds", 40);
    long loadEnd = System.currentTimeMillis() + (long) (seconds * 1000);
    List<Thread> readers = new ArrayList<>();
    for (RawClient c : throttled) {
      Thread t = new Thread(() -> c.trickle(loadEnd), "throttled");
      t.setDaemon(true);
      t.start();
      readers.add(t);
    }
    Thread.sleep(Math.max(0, loadEnd - System.currentTimeMillis()));
    stop.complete();
    FaultLoad.await(writes);
    for (Thread t : readers) {
      t.join();
    }
    pinger.shutdownNow();
    long notConverged = load.notConverged(load.phones, 30_000);

    // Stuck clients that the server dropped: their reads end; those it kept: reads go quiet.
    List<Thread> drains = new ArrayList<>();
    boolean[] closedByServer = new boolean[raw.size()];
    for (int i = 0; i < raw.size(); i++) {
      int k = i;
      Thread t = new Thread(() -> closedByServer[k] = raw.get(k).drainToEnd(30_000), "drain");
      t.start();
      drains.add(t);
    }
    for (Thread t : drains) {
      t.join();
    }
    int stuckDropped = 0;
    int throttledDropped = 0;
    for (int i = 0; i < raw.size(); i++) {
      if (closedByServer[i]) {
        if (i < stuck.size()) {
          stuckDropped++;
        } else {
          throttledDropped++;
        }
      }
    }
    raw.forEach(RawClient::close);

    // A dropped client comes back: a phone from the stuck client's last seq must reach the database's.
    RawClient back = stuck.get(0);
    LivePhone returning = new LivePhone(load.vertx, load.ws, load.phoneRest, load.port, back.jam.id, back.jam.slug,
      back.jam.token(0), back.seqAtStart, load.pingMs, micros -> { });
    returning.start();
    boolean returnedCurrent = load.awaitCurrent(List.of(returning), 15_000);
    long dbSeq = load.dbSeqs().get(back.jam.id);
    JsonObject comeback = new JsonObject().put("fromSeq", back.seqAtStart).put("dbSeq", dbSeq)
      .put("reachedSeq", returning.lastSeq).put("eventsByResync", returning.resyncedEvents)
      .put("snapshotReloads", returning.reloads).put("converged", returnedCurrent && returning.lastSeq == dbSeq);
    returning.stop();

    JsonObject normal = load.phoneCounts(load.phones).put("deliveryMs", latency[0].summary())
      .put("notConverged", notConverged)
      .put("lost", load.phones.stream().mapToLong(p -> p.resyncedEvents).sum());
    JsonObject result = new JsonObject()
      .put("normal", normal)
      .put("stuck", new JsonObject().put("clients", stuck.size()).put("droppedByServer", stuckDropped)
        .put("bytesRead", stuck.stream().mapToLong(c -> c.received.get()).sum()))
      .put("throttled", new JsonObject().put("clients", throttled.size()).put("bytesPerSecond", throttle)
        .put("droppedByServer", throttledDropped))
      .put("stuckClientComesBack", comeback)
      .put("seconds", seconds)
      .put("writes", load.answerCounts()).put("failedWrites", load.failureCount());
    load.close();
    return result;
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
}

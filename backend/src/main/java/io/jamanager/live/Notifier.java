package io.jamanager.live;

import io.jamanager.db.DatabaseOutage;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells other instances which jams moved, with a NOTIFY sent after commit (never inside the write
 * transaction, where it would serialise every commit on a global lock) and coalesced over a few ms.
 * The payload names only jam and seq; receivers read the events themselves from jam_event.
 */
public final class Notifier {

  public static final String CHANNEL = "jam_events";
  /** Marks a payload that carries a global message rather than jam positions. */
  static final String BROADCAST = "!";
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final long COALESCE_MS = 3;
  /** NOTIFY refuses payloads of 8000 bytes or more. */
  private static final int MAX_PAYLOAD = 7000;

  private final Vertx vertx;
  private final Pool pool;
  private final String instanceId;
  private final DatabaseOutage outage;
  private final Map<Long, Long> latest = new HashMap<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  public Notifier(Vertx vertx, Pool pool, String instanceId, DatabaseOutage outage) {
    this.vertx = vertx;
    this.pool = pool;
    this.instanceId = instanceId;
    this.outage = outage;
  }

  public void committed(long jamId, long seq) {
    synchronized (latest) {
      latest.merge(jamId, seq, Math::max);
    }
    if (scheduled.compareAndSet(false, true)) {
      vertx.setTimer(COALESCE_MS, t -> flush());
    }
  }

  /**
   * Sends a global message (such as feature flags) to the other instances, which republish it on
   * their local event bus. Messages too large for a notification are not relayed.
   */
  public void broadcast(String address, String message) {
    String payload = instanceId + ";" + BROADCAST + address + ";" + message;
    if (payload.length() > MAX_PAYLOAD) {
      LOG.warn("not relaying a {}-character message on {} to other instances", message.length(), address);
      return;
    }
    pool.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload))
      .onFailure(err -> warn("NOTIFY of a broadcast failed: {}", err));
  }

  private void flush() {
    Map<Long, Long> batch;
    synchronized (latest) {
      batch = new HashMap<>(latest);
      latest.clear();
      scheduled.set(false);
    }
    for (String payload : payloads(batch)) {
      pool.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload))
        .onFailure(err -> warn("NOTIFY failed; other instances catch up on their sweep: {}", err));
    }
  }

  /** A database that is away is logged once by the outage tracker, not once per coalesced NOTIFY. */
  private void warn(String message, Throwable err) {
    if (outage.report(err).isEmpty()) {
      LOG.warn(message, err.getMessage());
    }
  }

  /** {@code instance;jam:seq,jam:seq…}, split so each stays under the NOTIFY limit. */
  List<String> payloads(Map<Long, Long> batch) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder(instanceId).append(';');
    int empty = sb.length();
    for (Map.Entry<Long, Long> e : batch.entrySet()) {
      String item = e.getKey() + ":" + e.getValue();
      if (sb.length() + item.length() + 1 > MAX_PAYLOAD) {
        out.add(sb.toString());
        sb.setLength(empty);
      }
      if (sb.length() > empty) {
        sb.append(',');
      }
      sb.append(item);
    }
    if (sb.length() > empty) {
      out.add(sb.toString());
    }
    return out;
  }
}

package io.jamanager.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the process knows about the database being away: a fault is logged once when it starts and once when it
 * ends, with the number of requests it cost in between, instead of once per request. While a fault lasts, a
 * cheap probe every {@value #PROBE_INTERVAL_MS} ms notices the return without needing traffic.
 * Shared by every event loop, hence synchronized; it is only busy while something is wrong.
 */
public final class DatabaseOutage {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);
  private static final long PROBE_INTERVAL_MS = 500;
  private static final long PROBE_TIMEOUT_MS = 2_000;
  /**
   * A full disk cannot be probed for without writing, so refused writes end only once the database says it is
   * writable and none has been refused for this long.
   */
  private static final long READ_ONLY_QUIET_MS = 2_000;
  private static final String PROBE = "select current_setting('transaction_read_only')";

  private final Vertx vertx;
  private final Pool pool;
  private final Map<DatabaseFault, Counter> answered = new EnumMap<>(DatabaseFault.class);
  private DatabaseFault fault;
  private long sinceNanos;
  private long lastRefusalNanos;
  private long answeredDuringFault;
  private long probeTimer = -1;
  private boolean probing;

  public DatabaseOutage(Vertx vertx, Pool pool, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    Gauge.builder("jamanager.database.up", this, o -> o.current() == DatabaseFault.UNAVAILABLE ? 0 : 1)
      .description("1 while the database is reachable, 0 while requests find it away")
      .register(registry);
    Gauge.builder("jamanager.database.writable", this, o -> o.current() == null ? 1 : 0)
      .description("1 while the database accepts writes, 0 while it is away, read-only or full")
      .register(registry);
    for (DatabaseFault f : DatabaseFault.values()) {
      answered.put(f, Counter.builder("jamanager.database.fault.responses")
        .description("requests answered 503 because the database was away or refused writes")
        .tag("error", f.code())
        .register(registry));
    }
  }

  /** The fault in progress, or null while the database is fine as far as this process knows. */
  public synchronized DatabaseFault current() {
    return fault;
  }

  /**
   * Records a failure seen while talking to the database; starts (and logs) a fault if it is one.
   * Returns the fault, so the caller can answer accordingly; genuine bugs return empty.
   */
  public Optional<DatabaseFault> report(Throwable failure) {
    Optional<DatabaseFault> seen = DatabaseFault.of(failure);
    seen.ifPresent(f -> begin(f, failure));
    return seen;
  }

  /** Counts a request answered 503 because of this fault. */
  public synchronized void answered(DatabaseFault f) {
    answered.get(f).increment();
    answeredDuringFault++;
  }

  private synchronized void begin(DatabaseFault f, Throwable failure) {
    long now = System.nanoTime();
    if (f == DatabaseFault.READ_ONLY) {
      lastRefusalNanos = now;
    }
    if (f == fault) {
      return;
    }
    fault = f;
    sinceNanos = now;
    answeredDuringFault = 0;
    if (f == DatabaseFault.UNAVAILABLE) {
      LOG.warn("database unreachable: {}; writes answer 503 until it is back", reason(failure));
    } else {
      LOG.warn("database refuses writes: {}; writes answer 503 until it accepts them again", reason(failure));
    }
    if (probeTimer < 0) {
      probeTimer = vertx.setPeriodic(PROBE_INTERVAL_MS, t -> probe());
    }
  }

  private void probe() {
    synchronized (this) {
      if (probing) {
        return;
      }
      probing = true;
    }
    // A probe stuck on a connection that never answers must not stop the next one from trying.
    long giveUp = vertx.setTimer(PROBE_TIMEOUT_MS, t -> {
      synchronized (this) {
        probing = false;
      }
    });
    pool.query(PROBE).execute()
      .map(rows -> "on".equals(rows.iterator().next().getString(0)))
      .onComplete(ar -> {
        vertx.cancelTimer(giveUp);
        synchronized (this) {
          probing = false;
          if (fault == null) {
            return;
          }
          if (ar.succeeded()) {
            reached(ar.result());
          } else {
            DatabaseFault.of(ar.cause()).filter(f -> f != fault).ifPresent(f -> begin(f, ar.cause()));
          }
        }
      });
  }

  private void reached(boolean readOnly) {
    long now = System.nanoTime();
    if (fault == DatabaseFault.READ_ONLY && (readOnly || now - lastRefusalNanos < READ_ONLY_QUIET_MS * 1_000_000)) {
      return;
    }
    String seconds = String.format("%.1f", (now - sinceNanos) / 1e9);
    if (fault == DatabaseFault.UNAVAILABLE) {
      LOG.info("database reachable again after {} s; {} requests answered 503", seconds, answeredDuringFault);
    } else {
      LOG.info("database accepts writes again after {} s; {} requests answered 503", seconds, answeredDuringFault);
    }
    fault = null;
    vertx.cancelTimer(probeTimer);
    probeTimer = -1;
  }

  /** The outermost message: Netty's names the address ("Connection refused: db/10.0.0.5:5432"), its cause does not. */
  private static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return failure.getClass().getSimpleName();
  }
}

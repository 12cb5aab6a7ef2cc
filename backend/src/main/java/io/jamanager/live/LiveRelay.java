package io.jamanager.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per process: LISTENs for other instances' commits and has the hub republish them here. After a
 * lost connection it re-LISTENs and catches up; a slow sweep catches what no notification announced.
 */
public final class LiveRelay extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LiveRelay.class);
  private static final long RECONNECT_DELAY_MS = 1_000;
  private static final long SWEEP_INTERVAL_MS = 5_000;

  private final PgConnectOptions listenOptions;
  private final LiveHub hub;
  private final EventRepository events;
  private final String instanceId;
  private PgSubscriber subscriber;
  private volatile boolean stopping;
  /** Set while LISTEN is down, so the outage is logged once and the return says "again". */
  private volatile boolean away;

  public LiveRelay(PgConnectOptions listenOptions, LiveHub hub, EventRepository events, String instanceId) {
    this.listenOptions = listenOptions;
    this.hub = hub;
    this.events = events;
    this.instanceId = instanceId;
  }

  @Override
  public Future<?> start() {
    connect();
    vertx.setPeriodic(SWEEP_INTERVAL_MS, t -> catchUp());
    // Startup does not wait for LISTEN: live updates between instances resume as soon as it connects.
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  private void connect() {
    PgSubscriber s = PgSubscriber.subscriber(vertx, listenOptions).reconnectPolicy(this::reconnectDelay);
    s.channel(Notifier.CHANNEL)
      .handler(this::onNotification)
      .subscribeHandler(v -> {
        LOG.info(away ? "live relay listening again on channel {}" : "live relay listening on channel {}",
          Notifier.CHANNEL);
        away = false;
        catchUp();
      });
    s.connect().onSuccess(v -> subscriber = s).onFailure(err -> {
      // The reconnect policy covers lost connections only, not a failed first connect.
      s.close();
      if (!stopping) {
        if (!away) {
          away = true;
          LOG.warn("live relay cannot LISTEN yet ({}); retrying every {} ms", err.getMessage(), RECONNECT_DELAY_MS);
        }
        vertx.setTimer(RECONNECT_DELAY_MS, t -> connect());
      }
    });
  }

  /** Retries for as long as the database is away; says so once per outage, not once per attempt. */
  private long reconnectDelay(int retries) {
    if (retries == 0 && !stopping) {
      away = true;
      LOG.warn("live relay lost its LISTEN connection; reconnecting every {} ms", RECONNECT_DELAY_MS);
    }
    return RECONNECT_DELAY_MS;
  }

  private void onNotification(String payload) {
    int sep = payload.indexOf(';');
    if (sep < 0 || payload.substring(0, sep).equals(instanceId)) {
      return;
    }
    if (payload.startsWith(Notifier.BROADCAST, sep + 1)) {
      int end = payload.indexOf(';', sep + 2);
      if (end > 0) {
        vertx.eventBus().publish(payload.substring(sep + 2, end), payload.substring(end + 1));
      }
      return;
    }
    for (String item : payload.substring(sep + 1).split(",")) {
      String[] parts = item.split(":");
      if (parts.length == 2) {
        try {
          hub.reached(Long.parseLong(parts[0]), Long.parseLong(parts[1]), true);
        } catch (NumberFormatException e) {
          LOG.warn("ignoring malformed notification item '{}'", item);
        }
      }
    }
  }

  /** Asks the database how far every followed jam has got, and fetches whatever this process missed. */
  private void catchUp() {
    Set<Long> jams = hub.followedJams();
    if (jams.isEmpty()) {
      return;
    }
    events.currentSeqs(jams.toArray(Long[]::new))
      .onSuccess(seqs -> seqs.forEach((jam, seq) -> hub.reached(jam, seq, false)))
      .onFailure(err -> LOG.debug("sweep failed: {}", err.getMessage()));
  }
}

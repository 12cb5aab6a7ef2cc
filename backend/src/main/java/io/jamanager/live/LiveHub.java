package io.jamanager.live;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate through which this process publishes jam events to its clients, in seq order and each
 * once, whether the event was written here or learned from another instance. A gap is filled from
 * jam_event before anything after it goes out.
 */
public final class LiveHub {

  private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
  private static final int FETCH_LIMIT = 500;
  /**
   * Two writes to one jam commit in seq order but may reach deliver() in either order, microseconds
   * apart: a gap waits this long for its event before it is fetched from jam_event.
   */
  private static final long GAP_GRACE_MS = 20;

  private final Vertx vertx;
  private final EventRepository events;
  private final Map<Long, Stream> streams = new ConcurrentHashMap<>();

  /** Per-jam publishing state; guarded by its own monitor. */
  private static final class Stream {
    long last = -1;
    final TreeMap<Long, JamEvent> pending = new TreeMap<>();
    boolean fetching;
    boolean gapTimer;
    boolean followed;
  }

  public LiveHub(Vertx vertx, EventRepository events) {
    this.vertx = vertx;
    this.events = events;
  }

  /** Publishes a committed event once everything before it has gone out. */
  public void deliver(JamEvent event) {
    Stream s = stream(event.jamId());
    synchronized (s) {
      if (s.last < 0) {
        s.last = event.seq() - 1;
      }
      if (event.seq() <= s.last) {
        return;
      }
      s.pending.put(event.seq(), event);
      drain(s);
      fetchIfBehind(event.jamId(), s);
    }
  }

  /**
   * The jam has reached {@code seq}: announced by another instance's notification, or found by the sweep.
   * Catches up if clients here follow the jam. The sweep never sets a starting point: that would skip
   * an event whose notification is still on its way.
   */
  public void reached(long jamId, long seq, boolean announced) {
    Stream s = streams.get(jamId);
    if (s == null) {
      return;
    }
    synchronized (s) {
      if (!s.followed || seq <= s.last && s.last >= 0 || s.last < 0 && !announced) {
        return;
      }
      if (s.last < 0) {
        s.last = seq - 1;
      }
      if (seq > s.last && !s.fetching) {
        fetch(jamId, s);
      }
    }
  }

  /**
   * A client here follows the jam: from now on remote events for it are fetched and republished. The
   * starting point is the jam's seq now; the client catches up on anything older itself (events?after).
   */
  public void follow(long jamId) {
    Stream s = stream(jamId);
    synchronized (s) {
      if (s.followed) {
        return;
      }
      s.followed = true;
    }
    events.currentSeqs(new Long[] {jamId}).onSuccess(seqs -> {
      Long current = seqs.get(jamId);
      synchronized (s) {
        if (current != null && s.last < 0) {
          s.last = current;
        }
      }
    });
  }

  public Set<Long> followedJams() {
    return streams.entrySet().stream().filter(e -> e.getValue().followed).map(Map.Entry::getKey)
      .collect(java.util.stream.Collectors.toSet());
  }

  private Stream stream(long jamId) {
    return streams.computeIfAbsent(jamId, id -> new Stream());
  }

  private void drain(Stream s) {
    while (!s.pending.isEmpty() && s.pending.firstKey() <= s.last + 1) {
      JamEvent next = s.pending.pollFirstEntry().getValue();
      if (next.seq() == s.last + 1) {
        vertx.eventBus().publish(JamEvent.address(next.jamId()), next.encoded());
        s.last = next.seq();
      }
    }
  }

  private void fetchIfBehind(long jamId, Stream s) {
    if (s.pending.isEmpty() || s.fetching || s.gapTimer) {
      return;
    }
    s.gapTimer = true;
    vertx.setTimer(GAP_GRACE_MS, t -> {
      synchronized (s) {
        s.gapTimer = false;
        if (!s.pending.isEmpty() && !s.fetching) {
          fetch(jamId, s);
        }
      }
    });
  }

  private void fetch(long jamId, Stream s) {
    s.fetching = true;
    long from = s.last;
    events.after(jamId, from, FETCH_LIMIT).onComplete(ar -> {
      synchronized (s) {
        s.fetching = false;
        if (ar.failed()) {
          LOG.warn("cannot fill the event gap of jam {} after seq {}: {}", jamId, from, ar.cause().getMessage());
          return;
        }
        List<JamEvent> fetched = ar.result();
        fetched.forEach(e -> s.pending.putIfAbsent(e.seq(), e));
        drain(s);
        if (fetched.size() == FETCH_LIMIT || !s.pending.isEmpty() && s.pending.firstKey() > s.last + 1 && !fetched.isEmpty()) {
          fetch(jamId, s);
        }
      }
    });
  }
}

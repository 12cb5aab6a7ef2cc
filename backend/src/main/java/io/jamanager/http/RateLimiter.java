package io.jamanager.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (a client address, an attendee), shared by every event loop of the process.
 * Limits therefore hold per instance; see docs/security.md for several instances.
 */
public final class RateLimiter {

  /** At most {@code permits} per {@code windowSeconds}, refilled continuously. */
  public record Limit(String name, int permits, long windowSeconds) {
    double perNano() {
      return permits / (windowSeconds * 1e9);
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updated = now;
    }
  }

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final java.util.function.LongSupplier clock;

  public RateLimiter() {
    this(System::nanoTime);
  }

  RateLimiter(java.util.function.LongSupplier clock) {
    this.clock = clock;
  }

  /** Takes one permit from every limit, or none: the seconds to wait when any is exhausted, else 0. */
  public long acquire(String key, Limit... limits) {
    long now = clock.getAsLong();
    Bucket[] taken = new Bucket[limits.length];
    long wait = 0;
    for (int i = 0; i < limits.length; i++) {
      Limit limit = limits[i];
      if (limit.permits() <= 0) {
        continue;
      }
      Bucket b = buckets.computeIfAbsent(limit.name() + '|' + key, k -> new Bucket(limit.permits(), now));
      synchronized (b) {
        b.tokens = Math.min(limit.permits(), b.tokens + (now - b.updated) * limit.perNano());
        b.updated = now;
        if (b.tokens < 1) {
          wait = Math.max(wait, (long) Math.ceil((1 - b.tokens) / limit.perNano() / 1e9));
        } else {
          taken[i] = b;
        }
      }
    }
    if (wait > 0) {
      return wait;
    }
    for (Bucket b : taken) {
      if (b != null) {
        synchronized (b) {
          b.tokens -= 1;
        }
      }
    }
    return 0;
  }

  /** Forgets buckets that have refilled completely, so idle clients cost no memory. */
  public void sweep(Limit... limits) {
    long now = clock.getAsLong();
    long idle = 0;
    for (Limit l : limits) {
      idle = Math.max(idle, l.windowSeconds() * 1_000_000_000L);
    }
    long cutoff = now - idle;
    buckets.values().removeIf(b -> b.updated <= cutoff);
  }

  int size() {
    return buckets.size();
  }
}

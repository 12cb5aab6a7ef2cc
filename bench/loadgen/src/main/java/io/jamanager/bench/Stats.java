package io.jamanager.bench;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/** Latency samples in nanoseconds, summarised in milliseconds. */
final class Stats {

  private long[] samples = new long[1024];
  private int count;

  synchronized void add(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  synchronized int count() {
    return count;
  }

  /** {"p50":…, "p95":…, "p99":…, "max":…} in ms, rounded to 0.01. */
  synchronized JsonObject summary() {
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return new JsonObject()
      .put("p50", ms(percentile(sorted, 0.50)))
      .put("p95", ms(percentile(sorted, 0.95)))
      .put("p99", ms(percentile(sorted, 0.99)))
      .put("max", ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
  }

  /** Sorted samples, for plots. */
  synchronized long[] sorted() {
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return sorted;
  }

  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}

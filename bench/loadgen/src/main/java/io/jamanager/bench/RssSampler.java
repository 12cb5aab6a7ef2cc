package io.jamanager.bench;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server processes' resident memory (sampled every 250 ms) and CPU time, from /proc. */
final class RssSampler {

  private static final double TICKS_PER_SECOND = 100;

  private final Vertx vertx;
  private final int[] pids;
  private final long timer;
  private volatile long max;

  RssSampler(Vertx vertx, int[] pids) {
    this.vertx = vertx;
    this.pids = pids;
    this.timer = pids.length == 0 ? -1 : vertx.setPeriodic(250, t -> sampleNow());
  }

  /** The largest RSS of any one server process now, in bytes. */
  long sampleNow() {
    long largest = 0;
    for (int pid : pids) {
      largest = Math.max(largest, rss(pid));
    }
    max = Math.max(max, largest);
    return largest;
  }

  long max() {
    return max;
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** utime + stime of every server process, in clock ticks. */
  long[] cpuTicks() {
    long[] ticks = new long[pids.length];
    for (int i = 0; i < pids.length; i++) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pids[i] + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks[i] = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (IOException e) {
        ticks[i] = 0;
      }
    }
    return ticks;
  }

  /** CPU used by all server processes between two readings, as a percentage of one core. */
  static double percent(long[] before, long[] after, double seconds) {
    long used = 0;
    for (int i = 0; i < before.length; i++) {
      used += after[i] - before[i];
    }
    return used / TICKS_PER_SECOND / seconds * 100;
  }

  private static long rss(int pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }
}

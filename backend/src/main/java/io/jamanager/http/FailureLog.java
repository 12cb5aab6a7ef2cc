package io.jamanager.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Unexpected failures, logged so that a bug every request runs into is one ERROR with its stack trace per
 * minute, not one per request: the first failure of a kind (exception class and the place it was thrown) is
 * logged in full, repeats within {@value #WINDOW_MS} ms are only counted, and {@link #flush()} (called every
 * window) reports the count in one line. Shared by every event loop.
 */
public final class FailureLog {

  public static final long WINDOW_MS = 60_000;

  private final Logger log;
  private final LongSupplier clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /** One kind of failure: when it was last logged in full, and how many times it was seen since. */
  private static final class Window {
    long loggedAt;
    long repeats;
  }

  public FailureLog(Logger log, LongSupplier clock) {
    this.log = log;
    this.clock = clock;
  }

  /** {@code failure} may be null: a handler answered 500 without an exception. */
  public void failed(String request, Throwable failure) {
    String kind = kind(failure);
    long now = clock.getAsLong();
    Window window = windows.computeIfAbsent(kind, k -> new Window());
    synchronized (window) {
      if (window.loggedAt != 0 && now - window.loggedAt < WINDOW_MS) {
        window.repeats++;
        return;
      }
      report(kind, window);
      window.loggedAt = now;
    }
    log.error("request {} failed", request, failure);
  }

  /** Reports the repeats of every kind whose window has ended. */
  public void flush() {
    long now = clock.getAsLong();
    windows.forEach((kind, window) -> {
      synchronized (window) {
        if (now - window.loggedAt >= WINDOW_MS) {
          report(kind, window);
        }
      }
    });
  }

  private void report(String kind, Window window) {
    if (window.repeats > 0) {
      log.error("the same failure ({}) happened {} more times in the minute after it was logged", kind, window.repeats);
      window.repeats = 0;
    }
  }

  static String kind(Throwable failure) {
    if (failure == null) {
      return "a 500 without an exception";
    }
    StackTraceElement[] trace = failure.getStackTrace();
    return failure.getClass().getName() + (trace.length > 0 ? " at " + trace[0] : "");
  }
}

package io.jamanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jamanager.support.CapturedLog;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FailureLogTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final FailureLog failures = new FailureLog(LoggerFactory.getLogger(FailureLogTest.class), now::get);

  @Test
  void aFailureEveryRequestHitsIsLoggedOnceAMinuteWithItsCount() {
    try (CapturedLog log = new CapturedLog()) {
      for (int i = 0; i < 200; i++) {
        failures.failed("r" + i + " POST /api/v1/jams/1/queue", bug());
        now.addAndGet(100);
      }
      assertThat(mine(log)).hasSize(1);
      assertThat(mine(log).get(0).getFormattedMessage()).isEqualTo("request r0 POST /api/v1/jams/1/queue failed");
      assertThat(mine(log).get(0).getThrowableProxy()).as("the first one has its stack trace").isNotNull();

      now.addAndGet(FailureLog.WINDOW_MS);
      failures.flush();
      assertThat(mine(log)).hasSize(2);
      assertThat(mine(log).get(1).getFormattedMessage())
        .startsWith("the same failure (java.lang.IllegalStateException at io.jamanager.http.FailureLogTest.bug")
        .endsWith("happened 199 more times in the minute after it was logged");
      assertThat(mine(log).get(1).getThrowableProxy()).isNull();

      failures.flush();
      assertThat(mine(log)).as("nothing new to report").hasSize(2);
      failures.failed("r200 POST /api/v1/jams/1/queue", bug());
      assertThat(mine(log)).as("a new minute logs it in full again").hasSize(3);
      assertThat(mine(log).get(2).getThrowableProxy()).isNotNull();
    }
  }

  @Test
  void differentFailuresAreLoggedEach() {
    try (CapturedLog log = new CapturedLog()) {
      failures.failed("a", bug());
      failures.failed("b", new ArithmeticException("/ by zero"));
      failures.failed("c", bug());
      failures.failed("d", null);
      assertThat(mine(log)).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("request a failed", "request b failed", "request d failed");
    }
  }

  private static IllegalStateException bug() {
    return new IllegalStateException("a bug on every request");
  }

  private static List<ILoggingEvent> mine(CapturedLog log) {
    return log.events().stream().filter(e -> e.getLoggerName().equals(FailureLogTest.class.getName())).toList();
  }
}

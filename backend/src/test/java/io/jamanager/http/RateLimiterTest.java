package io.jamanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong now = new AtomicLong();
  private final RateLimiter limiter = new RateLimiter(now::get);
  private final RateLimiter.Limit perMinute = new RateLimiter.Limit("login#0", 5, 60);
  private final RateLimiter.Limit perHour = new RateLimiter.Limit("login#1", 20, 3600);

  @Test
  void allowsTheLimitThenSaysHowLongToWait() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.acquire("1.2.3.4", perMinute, perHour)).isZero();
    }
    assertThat(limiter.acquire("1.2.3.4", perMinute, perHour)).isEqualTo(12);
    assertThat(limiter.acquire("5.6.7.8", perMinute, perHour)).as("other clients are not affected").isZero();
  }

  @Test
  void recoversAfterTheWindow() {
    for (int i = 0; i < 5; i++) {
      limiter.acquire("k", perMinute);
    }
    assertThat(limiter.acquire("k", perMinute)).isPositive();
    now.addAndGet(12_000_000_000L);
    assertThat(limiter.acquire("k", perMinute)).isZero();
  }

  @Test
  void theHourlyWindowHoldsAcrossMinutes() {
    int allowed = 0;
    for (int minute = 0; minute < 10; minute++) {
      for (int i = 0; i < 5; i++) {
        if (limiter.acquire("k", perMinute, perHour) == 0) {
          allowed++;
        }
      }
      now.addAndGet(60_000_000_000L);
    }
    assertThat(allowed).as("20 at once, then one per 3 minutes").isBetween(20, 24);
  }

  @Test
  void aRefusedRequestSpendsNothing() {
    RateLimiter.Limit tiny = new RateLimiter.Limit("t", 1, 60);
    RateLimiter.Limit big = new RateLimiter.Limit("b", 100, 60);
    limiter.acquire("k", tiny, big);
    for (int i = 0; i < 10; i++) {
      limiter.acquire("k", tiny, big);
    }
    now.addAndGet(60_000_000_000L);
    for (int i = 0; i < 99; i++) {
      assertThat(limiter.acquire("k", big)).isZero();
    }
  }

  @Test
  void sweepForgetsIdleClients() {
    limiter.acquire("a", perMinute);
    now.addAndGet(3_600_000_000_000L);
    limiter.sweep(perMinute, perHour);
    assertThat(limiter.size()).isZero();
  }
}

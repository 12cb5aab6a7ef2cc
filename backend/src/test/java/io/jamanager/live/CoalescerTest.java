package io.jamanager.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescerTest {

  private final List<Promise<String>> loads = new ArrayList<>();
  private final Coalescer<String, String> coalescer = new Coalescer<>();

  private Future<String> get(String key) {
    return coalescer.get(key, () -> {
      Promise<String> p = Promise.promise();
      loads.add(p);
      return p.future();
    });
  }

  @Test
  void callersDuringALoadShareTheNextLoadNotTheRunningOne() {
    Future<String> first = get("jam1:5");
    List<Future<String>> during = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      during.add(get("jam1:5"));
    }
    assertThat(loads).hasSize(1);
    loads.get(0).complete("old");
    assertThat(first.result()).isEqualTo("old");
    assertThat(during).allMatch(f -> !f.isComplete());
    assertThat(loads).as("one more load for all who asked while the first ran").hasSize(2);
    loads.get(1).complete("new");
    assertThat(during).allMatch(f -> "new".equals(f.result()));
    assertThat(coalescer.running()).isZero();
  }

  @Test
  void differentKeysAndFailuresAreNotShared() {
    Future<String> a = get("jam1:5");
    Future<String> b = get("jam1:6");
    assertThat(loads).hasSize(2);
    loads.get(0).fail(new IllegalStateException("database away"));
    loads.get(1).complete("six");
    assertThat(a.failed()).isTrue();
    assertThat(b.result()).isEqualTo("six");
    Future<String> again = get("jam1:5");
    assertThat(loads).as("a failure is not remembered").hasSize(3);
    loads.get(2).complete("five");
    assertThat(again.result()).isEqualTo("five");
  }
}

package io.jamanager.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the bridge holds, for /metrics: open sockets, event-bus consumers (one per address per event
 * loop), and sockets dropped because they stopped reading. Shared by every HTTP verticle's bridge.
 */
final class BridgeMetrics {

  private final AtomicInteger sockets = new AtomicInteger();
  private final AtomicInteger consumers = new AtomicInteger();
  private final Counter slowDropped;

  BridgeMetrics(MeterRegistry registry) {
    Gauge.builder("jamanager.bridge.sockets", sockets, AtomicInteger::get)
      .description("Open event-bus bridge sockets").register(registry);
    Gauge.builder("jamanager.bridge.consumers", consumers, AtomicInteger::get)
      .description("Event-bus consumers held by the bridge").register(registry);
    slowDropped = Counter.builder("jamanager.bridge.slow.dropped")
      .description("Bridge sockets closed because their write queue passed the limit").register(registry);
  }

  /** The process's Prometheus registry when Vert.x metrics are on, else a registry nobody reads. */
  static BridgeMetrics create() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return new BridgeMetrics(registry != null ? registry : new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  void socketOpened() {
    sockets.incrementAndGet();
  }

  void socketClosed() {
    sockets.decrementAndGet();
  }

  void consumerAdded() {
    consumers.incrementAndGet();
  }

  void consumerRemoved() {
    consumers.decrementAndGet();
  }

  void slowDropped() {
    slowDropped.increment();
  }

  int sockets() {
    return sockets.get();
  }

  double slowDroppedCount() {
    return slowDropped.count();
  }
}

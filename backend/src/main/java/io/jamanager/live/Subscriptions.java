package io.jamanager.live;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridge sockets of one HTTP verticle and the addresses they listen to. Confined to that verticle's
 * event loop, so plain collections. Per address one local event-bus consumer, whatever the number of
 * sockets; per event one envelope, built and encoded once, then written to each socket. What is published
 * on a bridged address is JSON text (an event as {@link JamEvent#encoded()} made it), spliced into the
 * envelope as is.
 *
 * <p>A socket whose peer stops reading keeps every frame written to it in this process's memory until
 * the peer reads or the connection dies. Each socket may have at most {@code maxPendingBytes} written
 * but not yet handed to the kernel; past that it is dropped (SockJS close "Go away!", 3000). Its client
 * reconnects with backoff and catches up by seq, as after any lost connection.
 */
final class Subscriptions {

  /** Per socket: when it last sent anything, what it listens to, and what it has not yet taken. */
  private static final class Listener {
    final SockJSSocket socket;
    long lastHeard = System.currentTimeMillis();
    final Set<String> addresses = new HashSet<>(4);
    /** Written by the event loop, released by write completions, which may run on the transport's. */
    final AtomicLong pendingBytes = new AtomicLong();

    Listener(SockJSSocket socket) {
      this.socket = socket;
    }
  }

  private final Vertx vertx;
  private final BridgeMetrics metrics;
  private final long maxPendingBytes;
  private final Map<SockJSSocket, Listener> listeners = new HashMap<>();
  private final Map<String, Set<Listener>> sockets = new HashMap<>();
  private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();

  Subscriptions(Vertx vertx, long pingTimeoutMs, long maxPendingBytes, BridgeMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.maxPendingBytes = maxPendingBytes;
    // One sweep for all sockets instead of a timer each.
    vertx.setPeriodic(pingTimeoutMs / 2, t -> closeSilent(pingTimeoutMs));
  }

  void opened(SockJSSocket socket) {
    listeners.put(socket, new Listener(socket));
    metrics.socketOpened();
  }

  void heard(SockJSSocket socket) {
    Listener listener = listeners.get(socket);
    if (listener != null) {
      listener.lastHeard = System.currentTimeMillis();
    }
  }

  /** False when the socket already listens to {@code max} addresses. */
  boolean subscribe(String address, SockJSSocket socket, int max) {
    Listener listener = listeners.get(socket);
    if (listener == null) {
      return true; // closed while its token was checked
    }
    if (!listener.addresses.contains(address) && listener.addresses.size() >= max) {
      return false;
    }
    listener.addresses.add(address);
    sockets.computeIfAbsent(address, a -> {
      consumers.put(a, vertx.eventBus().localConsumer(a, message -> deliver(a, message.body())));
      metrics.consumerAdded();
      return new LinkedHashSet<>();
    }).add(listener);
    return true;
  }

  void unsubscribe(String address, SockJSSocket socket) {
    Listener listener = listeners.get(socket);
    if (listener != null && address != null && listener.addresses.remove(address)) {
      drop(address, listener);
    }
  }

  void closed(SockJSSocket socket) {
    Listener listener = listeners.remove(socket);
    if (listener != null) {
      metrics.socketClosed();
      listener.addresses.forEach(address -> drop(address, listener));
    }
  }

  private void drop(String address, Listener listener) {
    Set<Listener> set = sockets.get(address);
    if (set != null && set.remove(listener) && set.isEmpty()) {
      sockets.remove(address);
      consumers.remove(address).unregister();
      metrics.consumerRemoved();
    }
  }

  private void deliver(String address, Object body) {
    Set<Listener> set = sockets.get(address);
    if (set == null) {
      return;
    }
    // The stock bridge's envelope, {"type":"rec","address":…,"body":{…}}, with the event's JSON spliced in
    // as it was encoded once at publish time: clients get an object, as from the stock bridge.
    // Written as text: SockJS's raw WebSocket endpoint, which browsers use, sends a Buffer as a binary message.
    String json = body instanceof String s ? s : Json.encode(body);
    String envelope = "{\"type\":\"rec\",\"address\":" + Json.encode(address) + ",\"body\":" + json + "}";
    int size = envelope.getBytes(StandardCharsets.UTF_8).length;
    List<Listener> full = null;
    for (Listener listener : set) {
      AtomicLong pending = listener.pendingBytes;
      if (pending.addAndGet(size) > maxPendingBytes) {
        if (full == null) {
          full = new ArrayList<>();
        }
        full.add(listener);
        continue;
      }
      listener.socket.write(envelope).onComplete(ar -> pending.addAndGet(-size));
    }
    if (full != null) {
      full.forEach(this::dropSlow);
    }
  }

  /** Forgets the socket at once, so nothing more is queued for it, then closes it. */
  private void dropSlow(Listener listener) {
    metrics.slowDropped();
    closed(listener.socket);
    listener.socket.close();
  }

  private void closeSilent(long pingTimeoutMs) {
    long cutoff = System.currentTimeMillis() - pingTimeoutMs;
    List<SockJSSocket> silent = new ArrayList<>();
    listeners.forEach((socket, listener) -> {
      if (listener.lastHeard < cutoff) {
        silent.add(socket);
      }
    });
    silent.forEach(SockJSSocket::close);
  }
}

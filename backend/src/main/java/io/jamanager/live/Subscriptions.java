package io.jamanager.live;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bridge sockets of one HTTP verticle and the addresses they listen to. Confined to that verticle's
 * event loop, so plain collections. Per address one local event-bus consumer, whatever the number of
 * sockets; per event one envelope, built and encoded once, then written to each socket.
 */
final class Subscriptions {

  /** Per socket: when it last sent anything, and what it listens to. */
  private static final class Listener {
    long lastHeard = System.currentTimeMillis();
    final Set<String> addresses = new HashSet<>(4);
  }

  private final Vertx vertx;
  private final Map<SockJSSocket, Listener> listeners = new HashMap<>();
  private final Map<String, Set<SockJSSocket>> sockets = new HashMap<>();
  private final Map<String, MessageConsumer<Object>> consumers = new HashMap<>();

  Subscriptions(Vertx vertx, long pingTimeoutMs) {
    this.vertx = vertx;
    // One sweep for all sockets instead of a timer each.
    vertx.setPeriodic(pingTimeoutMs / 2, t -> closeSilent(pingTimeoutMs));
  }

  void opened(SockJSSocket socket) {
    listeners.put(socket, new Listener());
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
      return new LinkedHashSet<>();
    }).add(socket);
    return true;
  }

  void unsubscribe(String address, SockJSSocket socket) {
    Listener listener = listeners.get(socket);
    if (listener != null && address != null && listener.addresses.remove(address)) {
      drop(address, socket);
    }
  }

  void closed(SockJSSocket socket) {
    Listener listener = listeners.remove(socket);
    if (listener != null) {
      listener.addresses.forEach(address -> drop(address, socket));
    }
  }

  private void drop(String address, SockJSSocket socket) {
    Set<SockJSSocket> set = sockets.get(address);
    if (set != null && set.remove(socket) && set.isEmpty()) {
      sockets.remove(address);
      consumers.remove(address).unregister();
    }
  }

  private void deliver(String address, Object body) {
    Set<SockJSSocket> set = sockets.get(address);
    if (set == null) {
      return;
    }
    // The same bytes as the stock bridge's envelope: {"type":"rec","address":…,"body":…}.
    Buffer envelope = Buffer.buffer("{\"type\":\"rec\",\"address\":" + Json.encode(address) + ",\"body\":"
      + Json.encode(body) + "}");
    for (SockJSSocket socket : set) {
      socket.write(envelope);
    }
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

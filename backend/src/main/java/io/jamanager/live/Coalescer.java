package io.jamanager.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Identical reads asked for at the same time run once. A caller never gets an answer that was computed
 * before it asked: while a load for a key runs, new callers wait for the next one, which starts when the
 * current one ends and serves all of them. So a reconnect storm of N phones at one seq costs about two
 * loads instead of N, and an answer is never older than the question.
 */
final class Coalescer<K, V> {

  /** The load running for a key, and the one queued behind it. */
  private final class Slot {
    Promise<V> next;
  }

  private final Map<K, Slot> slots = new HashMap<>();

  /** The answer arrives on the caller's context (an HTTP verticle's event loop), whoever ran the load. */
  Future<V> get(K key, Supplier<Future<V>> load) {
    Context caller = Vertx.currentContext();
    Future<V> answer = share(key, load);
    if (caller == null) {
      return answer;
    }
    Promise<V> here = Promise.promise();
    answer.onComplete(ar -> {
      if (Vertx.currentContext() == caller) {
        here.handle(ar);
      } else {
        caller.runOnContext(v -> here.handle(ar));
      }
    });
    return here.future();
  }

  private Future<V> share(K key, Supplier<Future<V>> load) {
    Slot slot;
    synchronized (slots) {
      slot = slots.get(key);
      if (slot != null) {
        if (slot.next == null) {
          slot.next = Promise.promise();
        }
        return slot.next.future();
      }
      slot = new Slot();
      slots.put(key, slot);
    }
    Promise<V> first = Promise.promise();
    run(key, slot, load, first);
    return first.future();
  }

  private void run(K key, Slot slot, Supplier<Future<V>> load, Promise<V> promise) {
    Future<V> running;
    try {
      running = load.get();
    } catch (RuntimeException e) {
      running = Future.failedFuture(e);
    }
    running.onComplete(ar -> {
      Promise<V> queued;
      synchronized (slots) {
        queued = slot.next;
        slot.next = null;
        if (queued == null) {
          slots.remove(key);
        }
      }
      promise.handle(ar);
      if (queued != null) {
        run(key, slot, load, queued);
      }
    });
  }

  /** Keys with a load running, for tests. */
  int running() {
    synchronized (slots) {
      return slots.size();
    }
  }
}

package io.jamanager.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.function.Function;

/**
 * Runs writes as one transaction each and, only after COMMIT, publishes their events locally and hands
 * them to the cross-instance fan-out. A write that fails publishes nothing.
 */
public final class Live {

  private final Vertx vertx;
  private final Pool pool;
  private final LiveHub hub;
  private final Notifier notifier;

  public Live(Vertx vertx, Pool pool, LiveHub hub, Notifier notifier) {
    this.vertx = vertx;
    this.pool = pool;
    this.hub = hub;
    this.notifier = notifier;
  }

  public <T> Future<T> write(Function<Tx, Future<T>> work) {
    Tx[] holder = new Tx[1];
    return pool.withTransaction(conn -> {
      Tx tx = new Tx(conn);
      holder[0] = tx;
      return work.apply(tx);
    }).onSuccess(result -> {
      Tx tx = holder[0];
      for (JamEvent event : tx.events()) {
        hub.deliver(event);
        notifier.committed(event.jamId(), event.seq());
      }
      for (Tx.HostEvent event : tx.hostEvents()) {
        String address = JamEvent.hostAddress(event.jamId());
        String message = new JsonObject().put("type", event.type()).put("jamId", event.jamId()).put("data", event.data())
          .encode();
        vertx.eventBus().publish(address, message);
        // Host consoles may be connected to another instance.
        notifier.broadcast(address, message);
      }
    });
  }

  /** Global (not per-jam) news, such as feature flags, for every connected client. */
  public void broadcast(String address, String type, JsonObject data) {
    String message = new JsonObject().put("type", type).put("data", data).encode();
    vertx.eventBus().publish(address, message);
    notifier.broadcast(address, message);
  }
}

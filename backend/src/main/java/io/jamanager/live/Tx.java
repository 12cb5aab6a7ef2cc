package io.jamanager.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/** A write transaction in progress: its connection, and the events it will publish once it commits. */
public final class Tx {

  /** An event for the host's private address of a jam: not sequenced, not replayed. */
  record HostEvent(long jamId, String type, JsonObject data) {
  }

  private final SqlConnection conn;
  private final List<JamEvent> events = new ArrayList<>();
  private final List<HostEvent> hostEvents = new ArrayList<>();

  Tx(SqlConnection conn) {
    this.conn = conn;
  }

  public SqlConnection conn() {
    return conn;
  }

  /** Records the event in this transaction; it reaches clients only if the transaction commits. */
  public Future<JamEvent> emit(long jamId, String type, JsonObject data) {
    return EventRepository.append(conn, jamId, type, data).onSuccess(events::add);
  }

  public void emitToHost(long jamId, String type, JsonObject data) {
    hostEvents.add(new HostEvent(jamId, type, data));
  }

  List<JamEvent> events() {
    return events;
  }

  List<HostEvent> hostEvents() {
    return hostEvents;
  }
}

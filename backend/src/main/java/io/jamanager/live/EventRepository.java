package io.jamanager.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The jam_event log: appended inside write transactions, read to fill gaps and answer events?after. */
public final class EventRepository {

  /** Bumps the jam's gap-free counter and records the event in one statement of the caller's transaction. */
  private static final String APPEND = """
    with s as (update jam set seq = seq + 1 where id = $1 returning seq)
    insert into jam_event (jam_id, seq, type, data) select $1, s.seq, $2, $3 from s returning seq, at""";
  private static final String AFTER =
    "select seq, type, at, data from jam_event where jam_id = $1 and seq > $2 order by seq limit $3";
  private static final String BOUNDS =
    "select j.seq, coalesce((select min(seq) from jam_event e where e.jam_id = j.id), j.seq + 1) from jam j where j.id = $1";
  private static final String CURRENT = "select id, seq from jam where id = any($1)";

  private final Pool pool;

  public EventRepository(Pool pool) {
    this.pool = pool;
  }

  public static Future<JamEvent> append(SqlClient tx, long jamId, String type, JsonObject data) {
    return tx.preparedQuery(APPEND).execute(Tuple.of(jamId, type, data)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new IllegalStateException("jam " + jamId + " vanished during the write"));
      }
      Row row = rows.iterator().next();
      return Future.succeededFuture(new JamEvent(jamId, row.getLong(0), type, row.getOffsetDateTime(1), data));
    });
  }

  public Future<List<JamEvent>> after(long jamId, long afterSeq, int limit) {
    return pool.preparedQuery(AFTER).execute(Tuple.of(jamId, afterSeq, limit)).map(rows -> {
      List<JamEvent> events = new ArrayList<>(rows.size());
      for (Row row : rows) {
        events.add(new JamEvent(jamId, row.getLong(0), row.getString(1), row.getOffsetDateTime(2), (JsonObject) row.getValue(3)));
      }
      return events;
    });
  }

  /** The jam's current seq and the oldest seq still kept, or null when the jam does not exist. */
  public Future<long[]> bounds(long jamId) {
    return pool.preparedQuery(BOUNDS).execute(Tuple.of(jamId)).map(rows ->
      rows.size() == 0 ? null : new long[] {rows.iterator().next().getLong(0), rows.iterator().next().getLong(1)});
  }

  public Future<Map<Long, Long>> currentSeqs(Long[] jamIds) {
    return pool.preparedQuery(CURRENT).execute(Tuple.of(jamIds)).map(rows -> {
      Map<Long, Long> seqs = new HashMap<>();
      rows.forEach(r -> seqs.put(r.getLong(0), r.getLong(1)));
      return seqs;
    });
  }

}

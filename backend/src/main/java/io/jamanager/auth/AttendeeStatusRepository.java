package io.jamanager.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;

/** Whether an attendee token still stands for someone in the jam: removed or banned people lose access at once. */
final class AttendeeStatusRepository {

  enum Status { ACTIVE, BANNED, GONE }

  private final SqlTemplate<Map<String, Object>, RowSet<Row>> find;

  AttendeeStatusRepository(Pool pool) {
    this.find = SqlTemplate.forQuery(pool, "select banned from attendee where id = #{id} and jam_id = #{jam}");
  }

  Future<Status> status(long jamId, long attendeeId) {
    return find.execute(Map.of("id", attendeeId, "jam", jamId)).map(rows -> {
      if (rows.size() == 0) {
        return Status.GONE;
      }
      return rows.iterator().next().getBoolean(0) ? Status.BANNED : Status.ACTIVE;
    });
  }
}

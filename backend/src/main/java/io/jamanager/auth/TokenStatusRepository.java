package io.jamanager.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;

/**
 * Whether a token still stands: removed or banned attendees lose access at once, co-host tokens stop with
 * their link (revoked or expired), and host tokens issued before the last "log out everywhere" are refused.
 */
final class TokenStatusRepository {

  enum Status { ACTIVE, BANNED, GONE }

  private final SqlTemplate<Map<String, Object>, RowSet<Row>> find;
  private final SqlTemplate<Map<String, Object>, RowSet<Row>> cohostLink;
  private final Pool pool;

  TokenStatusRepository(Pool pool) {
    this.pool = pool;
    this.find = SqlTemplate.forQuery(pool, "select banned from attendee where id = #{id} and jam_id = #{jam}");
    this.cohostLink = SqlTemplate.forQuery(pool, "select 1 from cohost_link where id = #{id} and jam_id = #{jam}"
      + " and revoked_at is null and expires_at > now()");
  }

  /** Whether the co-host link behind a co-host token is still neither revoked nor expired. */
  Future<Boolean> cohostActive(long jamId, long linkId) {
    return cohostLink.execute(Map.of("id", linkId, "jam", jamId)).map(rows -> rows.size() > 0);
  }

  /** Host tokens issued in or before this second (epoch seconds) are refused. */
  Future<Long> hostTokensRevokedUpTo() {
    return pool.query("select floor(extract(epoch from not_before))::bigint from host_session_epoch").execute()
      .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  /**
   * Refuses every host access token issued until now. Tokens carry whole seconds, so one issued later in
   * this same second is refused too: a login right after "log out everywhere" may need a second try.
   */
  Future<Void> revokeHostTokens() {
    return pool.query("insert into host_session_epoch (id, not_before) values (true, now())"
      + " on conflict (id) do update set not_before = excluded.not_before").execute().mapEmpty();
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

package io.jamanager.attendee;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/** All SQL about the people who joined a jam. */
public final class AttendeeRepository {

  private static final String INSERT = """
    insert into attendee (jam_id, name, name_key, instruments) values ($1, $2, $3, $4)
    on conflict (jam_id, name_key) do nothing returning id, created_at""";
  private static final String COUNT = "select count(*) from attendee where jam_id = $1 and not banned";
  private static final String LIST = """
    select id, name, instruments, banned, created_at from attendee where jam_id = $1 order by created_at, id""";
  private static final String ME = """
    select a.id, a.name, a.instruments, j.max_suggestions, j.max_performances,
      (select count(*) from queue_item q where q.jam_id = a.jam_id and q.suggested_by = a.id),
      (select count(*) from performer p join queue_item q on q.id = p.item_id where q.jam_id = a.jam_id and p.attendee_id = a.id),
      (select coalesce(json_agg(v.item_id order by v.item_id), '[]'::json) from vote v where v.attendee_id = a.id)
    from attendee a join jam j on j.id = a.jam_id where a.id = $1 and a.jam_id = $2 and not a.banned""";
  private static final String BAN = "update attendee set banned = true where id = $1 and jam_id = $2";
  private static final String FORGET_CHOICES = """
    with v as (delete from vote where attendee_id = $1), p as (delete from performer where attendee_id = $1) select 1""";
  private static final String DELETE = "delete from attendee where id = $1 and jam_id = $2";
  /** Keeps the denormalised vote counts true after votes went away with a person. */
  private static final String RECOUNT = """
    update queue_item q set votes = c.n from (
      select q2.id, (select count(*) from vote v where v.item_id = q2.id) as n from queue_item q2 where q2.jam_id = $1) c
    where q.id = c.id and q.votes <> c.n""";

  private final Pool pool;

  public AttendeeRepository(Pool pool) {
    this.pool = pool;
  }

  /** Two names are the same person when they differ only in case, width or spacing. */
  static String nameKey(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  /** The new attendee's id, or null when the name is taken in this jam. */
  static Future<Long> insert(SqlClient tx, long jamId, String name, List<String> instruments) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(jamId, name, nameKey(name), instruments.toArray(String[]::new)))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  static Future<Long> count(SqlClient c, long jamId) {
    return c.preparedQuery(COUNT).execute(Tuple.of(jamId)).map(rows -> rows.iterator().next().getLong(0));
  }

  Future<JsonArray> list(long jamId) {
    return pool.preparedQuery(LIST).execute(Tuple.of(jamId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(json(r).put("banned", r.getBoolean(3)).put("joinedAt", r.getOffsetDateTime(4).toString())));
      return out;
    });
  }

  /** What one attendee needs to render their own view: who they are, their votes and what they have left. */
  public Future<JsonObject> me(long jamId, long attendeeId) {
    return pool.preparedQuery(ME).execute(Tuple.of(attendeeId, jamId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new JsonObject()
        .put("attendee", json(r))
        .put("votedItemIds", r.getJsonArray(7))
        .put("suggestionsLeft", Math.max(0, r.getInteger(3) - r.getLong(5)))
        .put("performancesLeft", Math.max(0, r.getInteger(4) - r.getLong(6)));
    });
  }

  /** Removes (or bans) a person with their votes and sign-ups; false when there is no such attendee. */
  static Future<Boolean> remove(SqlClient tx, long jamId, long attendeeId, boolean ban) {
    Future<Boolean> gone = ban
      ? tx.preparedQuery(BAN).execute(Tuple.of(attendeeId, jamId)).compose(rows -> rows.rowCount() == 0
        ? Future.succeededFuture(false)
        : tx.preparedQuery(FORGET_CHOICES).execute(Tuple.of(attendeeId)).map(true))
      : tx.preparedQuery(DELETE).execute(Tuple.of(attendeeId, jamId)).map(rows -> rows.rowCount() == 1);
    return gone.compose(found -> !found ? Future.succeededFuture(false)
      : tx.preparedQuery(RECOUNT).execute(Tuple.of(jamId)).map(true));
  }

  static JsonObject json(Row r) {
    return new JsonObject().put("id", r.getLong(0)).put("name", r.getString(1))
      .put("instruments", new JsonArray(List.of(r.getArrayOfStrings(2))));
  }
}

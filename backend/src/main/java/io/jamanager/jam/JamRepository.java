package io.jamanager.jam;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** All SQL about jams themselves. JSON shapes come from the jam_json and queue_item_json views. */
public final class JamRepository {

  /** Queue order: playing, then the queue (pinned by position, then votes, then oldest), then the past. */
  public static final String QUEUE_ORDER = """
    case qi.status when 'playing' then 0 when 'queued' then 1 when 'pending' then 2 else 3 end,
    qi.pinned desc, case when qi.pinned then qi.position end, qi.votes desc,
    case when qi.status in ('played', 'skipped') then qi.played_at end desc nulls last, qi.created_at, qi.id""";

  /** Everything a client needs to render a jam, read in one statement so it is one consistent moment. */
  private static final String SNAPSHOT = """
    select jj.id, jj.jam, jj.seq,
      (select coalesce(json_agg(qi.item order by %s), '[]'::json)
         from queue_item_json qi where qi.jam_id = jj.id and qi.status <> 'pending')::text as queue,
      (select count(*) from attendee a where a.jam_id = jj.id and not a.banned) as attendees,
      (select json_object_agg(f.name, f.enabled) from feature_flag f) as flags
    from jam_json jj where jj.slug = $1 or jj.join_code = upper($1) or jj.id::text = $1""".formatted(QUEUE_ORDER);
  private static final String LIST = """
    select jj.jam from jam_json jj
    where $1 or (jj.status <> 'ended' and jj.starts_at >= now() - interval '12 hours')
    order by jj.starts_at, jj.id limit 200""";
  private static final String JAM_JSON = "select jam from jam_json where id = $1";
  private static final String FIND = "select id, status, slug from jam where slug = $1 or join_code = upper($1)";
  private static final String VENUE_NAME = "select name from venue where id = $1";
  private static final String INSERT = """
    insert into jam (slug, join_code, name, venue_id, starts_at, description, max_suggestions, max_performances)
    values ($1, $2, $3, $4, $5, $6, $7, $8) returning id""";
  private static final String SETLIST = """
    select qi.item from queue_item_json qi where qi.jam_id = $1 and qi.status = 'played' order by qi.played_at, qi.id""";
  private static final int NAME_ATTEMPTS = 20;

  /** A jam as found by slug or join code: enough to decide whether one may join. */
  public record JamRef(long id, String status, String slug) {
  }

  /** The fields of a new jam, validated. */
  record NewJam(String name, Long venueId, OffsetDateTime startsAt, String description, int maxSuggestions,
                int maxPerformances) {
  }

  private final Pool pool;

  public JamRepository(Pool pool) {
    this.pool = pool;
  }

  /** Adds the absolute join URL (what the QR code encodes) to a jam's JSON. */
  public static JsonObject withJoinUrl(JsonObject jam, String publicUrl) {
    return jam.put("joinUrl", publicUrl + "/j/" + jam.getString("joinCode"));
  }

  public Pool pool() {
    return pool;
  }

  /**
   * A jam snapshot: its small fields, and its queue (the bulk of it) as the JSON text PostgreSQL built,
   * spliced into the answer as it is rather than parsed and encoded again.
   */
  public record Snapshot(JsonObject fields, String queueJson) {

    public Snapshot withMe(JsonObject me) {
      fields.put("me", me);
      return this;
    }

    public Buffer toBuffer() {
      Buffer head = fields.toBuffer();
      return Buffer.buffer(head.length() + queueJson.length() + 16)
        .appendBuffer(head, 0, head.length() - 1)
        .appendString(",\"queue\":").appendString(queueJson).appendString("}");
    }
  }

  public Future<Snapshot> snapshot(String slugOrCode) {
    return pool.preparedQuery(SNAPSHOT).execute(Tuple.of(slugOrCode)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Snapshot(new JsonObject()
        .put("jam", row.getJsonObject("jam"))
        .put("attendeeCount", row.getLong("attendees"))
        .put("flags", row.getJsonObject("flags"))
        .put("seq", row.getLong("seq")), row.getString("queue"));
    });
  }

  public Future<JsonArray> list(boolean all) {
    return pool.preparedQuery(LIST).execute(Tuple.of(all)).map(rows -> {
      JsonArray jams = new JsonArray();
      rows.forEach(r -> jams.add(r.getJsonObject(0)));
      return jams;
    });
  }

  public Future<JamRef> find(String slugOrCode) {
    return pool.preparedQuery(FIND).execute(Tuple.of(slugOrCode)).map(rows -> rows.size() == 0 ? null
      : new JamRef(rows.iterator().next().getLong(0), rows.iterator().next().getString(1), rows.iterator().next().getString(2)));
  }

  public static Future<JsonObject> json(SqlClient client, long jamId) {
    return client.preparedQuery(JAM_JSON).execute(Tuple.of(jamId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getJsonObject(0));
  }

  public Future<JsonObject> json(long jamId) {
    return json(pool, jamId);
  }

  /** Inserts with a readable slug, adding -2, -3… when the name, venue and date are taken. */
  Future<Long> create(NewJam jam) {
    Future<String> venue = jam.venueId() == null ? Future.succeededFuture(null)
      : pool.preparedQuery(VENUE_NAME).execute(Tuple.of(jam.venueId()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    return venue.compose(venueName -> insert(jam, JamNames.slug(jam.name(), venueName, jam.startsAt()), 0));
  }

  private Future<Long> insert(NewJam jam, String slug, int attempt) {
    Tuple params = Tuple.of(JamNames.withSuffix(slug, attempt), JamNames.joinCode(), jam.name(), jam.venueId(),
      jam.startsAt(), jam.description(), jam.maxSuggestions(), jam.maxPerformances());
    return pool.preparedQuery(INSERT).execute(params)
      .map(rows -> rows.iterator().next().getLong(0))
      .recover(err -> {
        boolean taken = err instanceof PgException pg && "23505".equals(pg.getSqlState());
        return taken && attempt < NAME_ATTEMPTS ? insert(jam, slug, attempt + 1) : Future.failedFuture(err);
      });
  }

  /** Applies the given column values (names come from code, never from the request). */
  static Future<Boolean> update(SqlClient tx, long jamId, Map<String, Object> columns) {
    if (columns.isEmpty()) {
      return Future.succeededFuture(true);
    }
    List<Object> values = new ArrayList<>();
    values.add(jamId);
    StringBuilder sql = new StringBuilder("update jam set ");
    for (Map.Entry<String, Object> e : columns.entrySet()) {
      values.add(e.getValue());
      sql.append(values.size() > 2 ? ", " : "").append(e.getKey()).append(" = $").append(values.size());
    }
    sql.append(" where id = $1");
    return tx.preparedQuery(sql.toString()).execute(Tuple.wrap(values)).map(rows -> rows.rowCount() == 1);
  }

  /** Whether the public list of jams is switched on (feature flag public_jam_list). */
  Future<Boolean> listedPublicly() {
    return pool.query("select enabled from feature_flag where name = 'public_jam_list'").execute()
      .map(rows -> rows.size() == 0 || rows.iterator().next().getBoolean(0));
  }

  /** Ending a jam ends its song too. */
  static Future<Void> finishPlaying(SqlClient tx, long jamId) {
    return tx.preparedQuery("update queue_item set status = 'played', played_at = now() where jam_id = $1 and status = 'playing'")
      .execute(Tuple.of(jamId)).mapEmpty();
  }

  Future<Boolean> delete(long jamId) {
    return pool.preparedQuery("delete from jam where id = $1").execute(Tuple.of(jamId)).map(rows -> rows.rowCount() == 1);
  }

  Future<JsonArray> setlist(long jamId) {
    return pool.preparedQuery(SETLIST).execute(Tuple.of(jamId)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(r -> items.add(r.getJsonObject(0)));
      return items;
    });
  }
}

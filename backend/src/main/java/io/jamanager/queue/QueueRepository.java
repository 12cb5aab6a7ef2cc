package io.jamanager.queue;

import io.jamanager.jam.JamRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** All SQL about queue items, votes and performers. Methods take the caller's transaction. */
public final class QueueRepository {

  private static final String ITEM = "select item from queue_item_json where id = $1";
  private static final String ITEMS = "select coalesce(json_agg(qi.item order by " + JamRepository.QUEUE_ORDER
    + "), '[]'::json) from queue_item_json qi where qi.jam_id = $1 and qi.status <> 'pending'";
  private static final String RULES = """
    select j.status, j.suggestions_open, j.voting_open, j.max_suggestions, j.max_performances,
      (select enabled from feature_flag where name = $2) as flag, j.require_approval
    from jam j where j.id = $1""";
  private static final String ITEM_RULES = """
    select q.status, j.voting_open, j.max_performances, (select enabled from feature_flag where name = $3) as flag
    from queue_item q join jam j on j.id = q.jam_id where q.id = $1 and q.jam_id = $2""";
  /** Serialises one attendee's concurrent requests so per-person limits hold exactly. */
  private static final String LOCK_ATTENDEE = "select id from attendee where id = $1 for update";
  private static final String SUGGESTED = "select count(*) from queue_item where jam_id = $1 and suggested_by = $2";
  private static final String SONG = "select title, artist from song where id = $1";
  private static final String DUPLICATE = """
    select 1 from queue_item where jam_id = $1 and status in ('pending', 'queued', 'playing')
      and (song_id = $2 or (lower(title) = lower($3) and lower(artist) = lower($4))) limit 1""";
  private static final String INSERT = """
    insert into queue_item (jam_id, song_id, title, artist, link, chord_text, suggested_by, status)
    values ($1, $2, $3, $4, $5, $6, $7, $8) returning id""";
  /** One statement: checks the rules, records the vote if new, and counts it. */
  private static final String VOTE = """
    with ok as (
      select q.id from queue_item q join jam j on j.id = q.jam_id
      where q.id = $1 and q.jam_id = $2 and q.status = 'queued' and j.voting_open
        and (select enabled from feature_flag where name = 'voting')),
    ins as (insert into vote (item_id, attendee_id) select id, $3 from ok on conflict do nothing returning item_id),
    upd as (update queue_item set votes = votes + 1 where id in (select item_id from ins) returning votes)
    select (select count(*) from ok), (select votes from upd), (select votes from queue_item where id = $1)""";
  private static final String UNVOTE = """
    with ok as (
      select q.id from queue_item q join jam j on j.id = q.jam_id
      where q.id = $1 and q.jam_id = $2 and q.status = 'queued' and j.voting_open
        and (select enabled from feature_flag where name = 'voting')),
    del as (delete from vote where item_id in (select id from ok) and attendee_id = $3 returning item_id),
    upd as (update queue_item set votes = votes - 1 where id in (select item_id from del) returning votes)
    select (select count(*) from ok), (select votes from upd), (select votes from queue_item where id = $1)""";
  private static final String PERFORMING = """
    select count(*) from performer p join queue_item q on q.id = p.item_id where q.jam_id = $1 and p.attendee_id = $2""";
  private static final String SIGNED_UP = "select 1 from performer where item_id = $1 and attendee_id = $2 and instrument = $3";
  private static final String WITHDRAW = "delete from performer where item_id = $1 and attendee_id = $2 and lower(instrument) = lower($3)";
  private static final String PERFORMERS = "select item -> 'performers' from queue_item_json where id = $1";
  private static final String FINISH_CURRENT = """
    update queue_item set status = $2, played_at = now() where jam_id = $1 and status = 'playing' returning id""";
  private static final String PLAY = "update queue_item set status = 'playing', played_at = null where id = $1 and jam_id = $2";
  private static final String NEXT_UP = "select qi.id from queue_item qi where qi.jam_id = $1 and qi.status = 'queued' order by "
    + JamRepository.QUEUE_ORDER + " limit 1";
  private static final String SHEET = """
    select q.title, q.artist, coalesce(q.key, s.key), coalesce(q.link, s.link), coalesce(q.chord_text, s.chord_text),
      (select enabled from feature_flag where name = 'chord_sheets')
    from queue_item q left join song s on s.id = q.song_id where q.id = $1 and q.jam_id = $2""";

  /** The rules of a jam as they stand inside the transaction, and the state of one feature flag. */
  record Rules(String status, boolean suggestionsOpen, boolean votingOpen, int maxSuggestions, int maxPerformances,
               boolean flag, boolean requireApproval) {
  }

  /** The state of one item and its jam, for explaining a refusal. */
  record ItemRules(String status, boolean votingOpen, int maxPerformances, boolean flag) {
  }

  /** A vote or un-vote: whether the rules allowed it, and the count after it. */
  record VoteResult(boolean allowed, boolean changed, int votes) {
  }

  /** What a chord-sheet request returns. */
  record Sheet(String title, String artist, String key, String link, String chordText, boolean sheetsEnabled) {
  }

  private QueueRepository() {
  }

  public static Future<JsonObject> item(SqlClient c, long itemId) {
    return c.preparedQuery(ITEM).execute(Tuple.of(itemId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getJsonObject(0));
  }

  public static Future<JsonArray> items(SqlClient c, long jamId) {
    return c.preparedQuery(ITEMS).execute(Tuple.of(jamId)).map(rows -> rows.iterator().next().getJsonArray(0));
  }

  static Future<Rules> rules(SqlClient c, long jamId, String flag) {
    return c.preparedQuery(RULES).execute(Tuple.of(jamId, flag)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Rules(r.getString(0), r.getBoolean(1), r.getBoolean(2), r.getInteger(3), r.getInteger(4),
        Boolean.TRUE.equals(r.getBoolean(5)), r.getBoolean(6));
    });
  }

  static Future<ItemRules> itemRules(SqlClient c, long jamId, long itemId, String flag) {
    return c.preparedQuery(ITEM_RULES).execute(Tuple.of(itemId, jamId, flag)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new ItemRules(r.getString(0), r.getBoolean(1), r.getInteger(2), Boolean.TRUE.equals(r.getBoolean(3)));
    });
  }

  static Future<Void> lockAttendee(SqlClient c, long attendeeId) {
    return c.preparedQuery(LOCK_ATTENDEE).execute(Tuple.of(attendeeId)).mapEmpty();
  }

  static Future<Long> suggestedBy(SqlClient c, long jamId, long attendeeId) {
    return count(c, SUGGESTED, Tuple.of(jamId, attendeeId));
  }

  static Future<Long> performancesOf(SqlClient c, long jamId, long attendeeId) {
    return count(c, PERFORMING, Tuple.of(jamId, attendeeId));
  }

  static Future<String[]> song(SqlClient c, long songId) {
    return c.preparedQuery(SONG).execute(Tuple.of(songId)).map(rows -> rows.size() == 0 ? null
      : new String[] {rows.iterator().next().getString(0), rows.iterator().next().getString(1)});
  }

  static Future<Boolean> alreadyQueued(SqlClient c, long jamId, Long songId, String title, String artist) {
    return c.preparedQuery(DUPLICATE).execute(Tuple.of(jamId, songId, title, artist)).map(rows -> rows.size() > 0);
  }

  static Future<Long> insert(SqlClient c, long jamId, Long songId, String title, String artist, String link,
                             String chordText, Long suggestedBy, boolean pending) {
    return c.preparedQuery(INSERT).execute(Tuple.of(jamId, songId, title, artist, link, chordText, suggestedBy,
        pending ? "pending" : "queued"))
      .map(rows -> rows.iterator().next().getLong(0));
  }

  static Future<VoteResult> vote(SqlClient c, long jamId, long itemId, long attendeeId, boolean up) {
    return c.preparedQuery(up ? VOTE : UNVOTE).execute(Tuple.of(itemId, jamId, attendeeId)).map(rows -> {
      Row r = rows.iterator().next();
      Integer changed = r.getInteger(1);
      Integer current = r.getInteger(2);
      return new VoteResult(r.getLong(0) > 0, changed != null, changed != null ? changed : current == null ? 0 : current);
    });
  }

  static Future<Boolean> signedUp(SqlClient c, long itemId, long attendeeId, String instrument) {
    return c.preparedQuery(SIGNED_UP).execute(Tuple.of(itemId, attendeeId, instrument)).map(rows -> rows.size() > 0);
  }

  static Future<Boolean> withdraw(SqlClient c, long itemId, long attendeeId, String instrument) {
    return c.preparedQuery(WITHDRAW).execute(Tuple.of(itemId, attendeeId, instrument)).map(rows -> rows.rowCount() > 0);
  }

  static Future<JsonArray> performers(SqlClient c, long itemId) {
    return c.preparedQuery(PERFORMERS).execute(Tuple.of(itemId)).map(rows -> rows.iterator().next().getJsonArray(0));
  }

  /** Moves the playing song (if any) to played or skipped; returns its id or null. */
  static Future<Long> finishCurrent(SqlClient c, long jamId, String status) {
    return c.preparedQuery(FINISH_CURRENT).execute(Tuple.of(jamId, status))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  static Future<Boolean> play(SqlClient c, long jamId, long itemId) {
    return c.preparedQuery(PLAY).execute(Tuple.of(itemId, jamId)).map(rows -> rows.rowCount() == 1);
  }

  static Future<Long> nextUp(SqlClient c, long jamId) {
    return c.preparedQuery(NEXT_UP).execute(Tuple.of(jamId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  static Future<Sheet> sheet(SqlClient c, long jamId, long itemId) {
    return c.preparedQuery(SHEET).execute(Tuple.of(itemId, jamId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Sheet(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
        Boolean.TRUE.equals(r.getBoolean(5)));
    });
  }

  /** Applies the given column values to an item of the jam (names come from code, never from the request). */
  static Future<Boolean> update(SqlClient c, long jamId, long itemId, java.util.Map<String, Object> columns) {
    java.util.List<Object> values = new java.util.ArrayList<>(List.of(itemId, jamId));
    StringBuilder sql = new StringBuilder("update queue_item set ");
    for (java.util.Map.Entry<String, Object> e : columns.entrySet()) {
      values.add(e.getValue());
      sql.append(values.size() > 3 ? ", " : "").append(e.getKey()).append(" = $").append(values.size());
    }
    sql.append(" where id = $1 and jam_id = $2");
    return c.preparedQuery(sql.toString()).execute(Tuple.wrap(values)).map(rows -> rows.rowCount() == 1);
  }

  /** Accepts a pending suggestion into the queue; false when there is no such pending item. */
  static Future<Boolean> approve(SqlClient c, long jamId, long itemId) {
    return c.preparedQuery("update queue_item set status = 'queued' where id = $1 and jam_id = $2 and status = 'pending'")
      .execute(Tuple.of(itemId, jamId)).map(rows -> rows.rowCount() == 1);
  }

  /** Pins queued items of the jam at the given positions; returns how many it found. */
  static Future<Integer> pinAt(SqlClient c, long jamId, List<Long> ids, List<Integer> positions) {
    return c.preparedQuery("""
        update queue_item q set pinned = true, position = o.position
        from unnest($2::bigint[], $3::int[]) as o(id, position)
        where q.id = o.id and q.jam_id = $1 and q.status = 'queued'""")
      .execute(Tuple.of(jamId, ids.toArray(Long[]::new), positions.toArray(Integer[]::new)))
      .map(rows -> rows.rowCount());
  }

  static Future<JsonArray> pending(SqlClient c, long jamId) {
    return c.preparedQuery("select coalesce(json_agg(item order by created_at, id), '[]'::json) from queue_item_json"
      + " where jam_id = $1 and status = 'pending'").execute(Tuple.of(jamId)).map(rows -> rows.iterator().next().getJsonArray(0));
  }

  static Future<Boolean> delete(SqlClient c, long jamId, long itemId) {
    return c.preparedQuery("delete from queue_item where id = $1 and jam_id = $2").execute(Tuple.of(itemId, jamId))
      .map(rows -> rows.rowCount() == 1);
  }

  private static Future<Long> count(SqlClient c, String sql, Tuple params) {
    return c.preparedQuery(sql).execute(params).map(rows -> rows.iterator().next().getLong(0));
  }
}

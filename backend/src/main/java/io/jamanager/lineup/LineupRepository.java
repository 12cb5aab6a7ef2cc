package io.jamanager.lineup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * All SQL about line-ups: taking a slot, the fair order of volunteers, confirming, skipping, and what
 * everyone has played tonight. Methods take the caller's transaction.
 *
 * <p>A song's slots are its {@code open_slots}: one slot per listed instrument. An instrument not listed
 * has no limit. Every write that decides who is in first locks the song's row, so concurrent takes of
 * one slot are decided one after the other.
 */
public final class LineupRepository {

  /** Songs played tonight per person, counting only the songs they were in the line-up of. */
  private static final String PLAYED_COUNTS = """
    select p.attendee_id, count(distinct p.item_id) as n
    from performer p join queue_item q on q.id = p.item_id
    where q.jam_id = %s and q.status = 'played' and p.state = 'in'
    group by p.attendee_id""";
  /** The fair order of one song's volunteers, per instrument: rank 1 is the first to get a slot. */
  private static final String RANKED = """
    with played as (%s),
    slots as (
      select lower(s) as instrument, count(*) as n from queue_item q, unnest(q.open_slots) s where q.id = $1 group by 1),
    ranked as (
      select p.attendee_id, p.instrument, p.state, p.created_at,
        coalesce(pl.n, 0) as played, s.n as slots,
        row_number() over (partition by lower(p.instrument)
          order by case when j.prefer_new_players then coalesce(pl.n, 0) else 0 end, p.created_at, p.attendee_id) as rank
      from performer p
      join queue_item q on q.id = p.item_id
      join jam j on j.id = q.jam_id
      left join played pl on pl.attendee_id = p.attendee_id
      left join slots s on s.instrument = lower(p.instrument)
      where p.item_id = $1)
    """.formatted(PLAYED_COUNTS.formatted("$2"));
  private static final String CONFIRMED = "select lineup_confirmed from queue_item where id = $1 and jam_id = $2";
  private static final String LOCK_ITEM = "select status from queue_item where id = $1 and jam_id = $2 for update";
  /** Takes a free slot, or a place on the bench when the instrument's slots are all taken. */
  private static final String TAKE = """
    insert into performer (item_id, attendee_id, instrument, state)
    select $1::bigint, $2::bigint, $3::text, case
      when (select count(*) from queue_item q, unnest(q.open_slots) s where q.id = $1 and lower(s) = lower($3)) = 0 then 'in'
      when (select count(*) from performer p where p.item_id = $1 and lower(p.instrument) = lower($3) and p.state = 'in')
        < (select count(*) from queue_item q, unnest(q.open_slots) s where q.id = $1 and lower(s) = lower($3)) then 'in'
      else 'bench' end
    on conflict do nothing returning state""";
  private static final String CONFIRM = RANKED + """
    , decided as (
      update performer p set state = case when r.slots is null or r.rank <= r.slots then 'in' else 'bench' end
      from ranked r
      where p.item_id = $1 and p.attendee_id = r.attendee_id and p.instrument = r.instrument
      returning p.attendee_id)
    update queue_item set lineup_confirmed = true where id = $1""";
  /** Gives the free slots of one instrument to the first on its bench, in the fair order. */
  private static final String PROMOTE = RANKED + """
    , free as (
      select coalesce(max(slots), 0) - count(*) filter (where state = 'in') as n from ranked where lower(instrument) = lower($3)),
    bench as (
      select attendee_id, instrument, row_number() over (order by rank) as k
      from ranked where lower(instrument) = lower($3) and state = 'bench')
    update performer p set state = 'in'
    from bench b, free f
    where b.k <= f.n and p.item_id = $1 and p.attendee_id = b.attendee_id and p.instrument = b.instrument
    returning p.attendee_id, p.instrument""";
  private static final String LINEUP = RANKED + """
    select r.attendee_id, a.name, r.instrument, r.state, r.played, r.slots, r.rank, r.created_at
    from ranked r join attendee a on a.id = r.attendee_id
    order by lower(r.instrument), r.rank""";
  private static final String REMOVE = """
    delete from performer where item_id = $1 and attendee_id = $2 returning instrument, state""";
  private static final String PLAYED = """
    with counted as (%s)
    select c.attendee_id, a.name, c.n,
      (select json_object_agg(i.instrument, i.n order by i.instrument) from (
         select lower(p.instrument) as instrument, count(*) as n
         from performer p join queue_item q on q.id = p.item_id
         where q.jam_id = $1 and q.status = 'played' and p.state = 'in' and p.attendee_id = c.attendee_id
         group by 1) i)
    from counted c join attendee a on a.id = c.attendee_id
    order by c.n desc, a.name""".formatted(PLAYED_COUNTS.formatted("$1"));

  /** An instrument whose slot a removed performer held. */
  public record Freed(String instrument, boolean wasIn) {
  }

  private LineupRepository() {
  }

  /** Locks the song for a line-up decision; its status, or null when the jam has no such song. */
  public static Future<String> lockItem(SqlClient c, long jamId, long itemId) {
    return c.preparedQuery(LOCK_ITEM).execute(Tuple.of(itemId, jamId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** Whether the song's line-up was confirmed; null when the jam has no such song. */
  static Future<Boolean> confirmed(SqlClient c, long jamId, long itemId) {
    return c.preparedQuery(CONFIRMED).execute(Tuple.of(itemId, jamId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBoolean(0));
  }

  /** Signs up on the locked song: "in" when a slot was free (or the instrument has none), else "bench". */
  public static Future<String> take(SqlClient c, long itemId, long attendeeId, String instrument) {
    return c.preparedQuery(TAKE).execute(Tuple.of(itemId, attendeeId, instrument))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  /** Puts the locked song's volunteers in or on the bench in the fair order, and marks its line-up confirmed. */
  static Future<Void> confirm(SqlClient c, long jamId, long itemId) {
    return c.preparedQuery(CONFIRM).execute(Tuple.of(itemId, jamId)).mapEmpty();
  }

  /** Fills the free slots of an instrument on the locked song from its bench; who moved in. */
  public static Future<JsonArray> promote(SqlClient c, long jamId, long itemId, String instrument) {
    return c.preparedQuery(PROMOTE).execute(Tuple.of(itemId, jamId, instrument)).map(rows -> {
      JsonArray moved = new JsonArray();
      rows.forEach(r -> moved.add(new JsonObject().put("attendeeId", r.getLong(0)).put("instrument", r.getString(1))));
      return moved;
    });
  }

  /** Takes a person off the locked song; the instruments they had signed up for. */
  static Future<List<Freed>> remove(SqlClient c, long itemId, long attendeeId) {
    return c.preparedQuery(REMOVE).execute(Tuple.of(itemId, attendeeId)).map(rows -> {
      List<Freed> freed = new ArrayList<>();
      rows.forEach(r -> freed.add(new Freed(r.getString(0), "in".equals(r.getString(1)))));
      return freed;
    });
  }

  /** One song's volunteers per instrument in the fair order, with what each has played tonight. */
  static Future<JsonArray> lineup(SqlClient c, long jamId, long itemId) {
    return c.preparedQuery(LINEUP).execute(Tuple.of(itemId, jamId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        Long slots = r.getLong(5);
        out.add(new JsonObject().put("attendeeId", r.getLong(0)).put("name", r.getString(1))
          .put("instrument", r.getString(2)).put("state", r.getString(3)).put("played", r.getLong(4))
          .put("slots", slots).put("rank", r.getLong(6)).put("signedUpAt", r.getOffsetDateTime(7).toString())
          .put("proposed", slots == null || r.getLong(6) <= slots ? "in" : "bench"));
      }
      return out;
    });
  }

  /** Per person, the songs played tonight: {attendeeId, name, songs, instruments: {instrument: songs}}. */
  static Future<JsonArray> played(SqlClient c, long jamId) {
    return c.preparedQuery(PLAYED).execute(Tuple.of(jamId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        Object instruments = r.getValue(3);
        out.add(new JsonObject().put("attendeeId", r.getLong(0)).put("name", r.getString(1)).put("songs", r.getLong(2))
          .put("instruments", instruments instanceof JsonObject o ? o : new JsonObject()));
      }
      return out;
    });
  }
}

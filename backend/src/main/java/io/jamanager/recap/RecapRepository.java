package io.jamanager.recap;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** All SQL of the recap: which jam a reference names, and the night's figures read in one statement. */
final class RecapRepository {

  /** Minutes per bar of the activity chart. */
  static final int BUCKET_MINUTES = 10;
  /** The chart spans at most a day from the first vote, so a jam left open for weeks cannot grow it without end. */
  static final int MAX_BUCKETS = 24 * 60 / BUCKET_MINUTES;

  private static final String FIND = """
    select id, status, seq from jam where slug = $1 or join_code = upper($1) or id::text = $1""";
  /** Performers are the line-up of each song ('in'), not its bench. Bucket starts are whole 10 minutes (UTC). */
  private static final String RECAP = """
    with played as (
      select q.id, q.title, q.artist, coalesce(q.key, s.key) as key, q.votes, q.played_at
      from queue_item q left join song s on s.id = q.song_id
      where q.jam_id = $1 and q.status = 'played'),
    votes as (
      select to_timestamp(floor(extract(epoch from v.created_at) / ($2 * 60)) * ($2 * 60)) as bucket
      from vote v join queue_item q on q.id = v.item_id
      where q.jam_id = $1),
    span as (select min(bucket) as first from votes)
    select (select jam from jam_json where id = $1) as jam,
      (select coalesce(json_agg(json_build_object(
          'id', pl.id, 'title', pl.title, 'artist', pl.artist, 'key', pl.key, 'votes', pl.votes, 'playedAt', pl.played_at,
          'performers', coalesce((
            select json_agg(json_build_object('name', a.name, 'instrument', p.instrument)
                            order by p.created_at, p.attendee_id, p.instrument)
            from performer p join attendee a on a.id = p.attendee_id
            where p.item_id = pl.id and p.state = 'in'), '[]'::json))
        order by pl.played_at, pl.id), '[]'::json) from played pl) as setlist,
      (select coalesce(json_agg(json_build_object(
          'id', t.id, 'title', t.title, 'artist', t.artist, 'votes', t.votes, 'played', t.status = 'played')
        order by t.votes desc, t.created_at, t.id), '[]'::json)
       from (select q.* from queue_item q where q.jam_id = $1 and q.votes > 0 and q.status <> 'pending'
             order by q.votes desc, q.created_at, q.id limit $3) t) as most_voted,
      (select count(*) from attendee a where a.jam_id = $1 and not a.banned) as people,
      (select count(*) from queue_item q where q.jam_id = $1) as suggestions,
      (select count(*) from votes) as votes,
      (select count(*) from played) as songs_played,
      (select count(distinct p.attendee_id) from performer p join played pl on pl.id = p.item_id where p.state = 'in') as players,
      (select coalesce(json_agg(json_build_object('at', b.at, 'votes', (select count(*) from votes v where v.bucket = b.at))
                                order by b.at), '[]'::json)
       from span, generate_series(span.first, span.first + ($4 - 1) * $2 * interval '1 minute', $2 * interval '1 minute') as b(at)
       where b.at <= (select max(bucket) from votes)) as activity""";

  /** A jam as found by slug, join code or id: whether it has ended, and its event seq (which any change bumps). */
  record JamState(long id, String status, long seq) {
  }

  private final Pool pool;

  RecapRepository(Pool pool) {
    this.pool = pool;
  }

  Future<JamState> find(String ref) {
    return pool.preparedQuery(FIND).execute(Tuple.of(ref)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new JamState(row.getLong("id"), row.getString("status"), row.getLong("seq"));
    });
  }

  Future<JsonObject> recap(long jamId, int mostVoted) {
    return pool.preparedQuery(RECAP).execute(Tuple.of(jamId, BUCKET_MINUTES, mostVoted, MAX_BUCKETS)).map(rows -> {
      Row row = rows.iterator().next();
      return new JsonObject()
        .put("jam", row.getJsonObject("jam"))
        .put("setlist", row.getJsonArray("setlist"))
        .put("mostVoted", row.getJsonArray("most_voted"))
        .put("numbers", new JsonObject()
          .put("people", row.getLong("people"))
          .put("suggestions", row.getLong("suggestions"))
          .put("votes", row.getLong("votes"))
          .put("songsPlayed", row.getLong("songs_played"))
          .put("players", row.getLong("players")))
        .put("activity", new JsonObject()
          .put("bucketMinutes", BUCKET_MINUTES)
          .put("buckets", row.getJsonArray("activity")));
    });
  }
}

package io.jamanager.song;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The song library. */
public final class SongRepository {

  static final int SEARCH_LIMIT = 50;
  private static final String COLUMNS = "id, title, artist, key, link, tags, chord_text is not null as has_chords";
  /**
   * Every word must appear somewhere in title, artist or tags; titles starting with the query come first.
   * An empty word list matches every song (ALL over an empty array is true).
   */
  private static final String SEARCH = "select " + COLUMNS + """
     from song
    where (title || ' ' || artist || ' ' || array_to_string(tags, ' ')) ilike all (#{patterns})
    order by title ilike #{prefix} desc, lower(title), lower(artist), id
    limit #{limit}""";
  /** Chord text only for the host or while chord sheets are switched on. */
  private static final String FIND = "select " + COLUMNS + """
    , case when #{host} or (select enabled from feature_flag where name = 'chord_sheets') then chord_text end
        as chord_text
     from song where id = #{id}""";
  private static final String LOCK = "select " + COLUMNS + ", chord_text from song where id = #{id} for update";
  private static final String INSERT = """
    insert into song (title, artist, key, link, chord_text, tags)
    values (#{title}, #{artist}, #{key}, #{link}, #{chordText}, #{tags})
    returning\s""" + COLUMNS + ", chord_text";
  private static final String UPDATE = """
    update song set title = #{title}, artist = #{artist}, key = #{key}, link = #{link}, chord_text = #{chordText},
      tags = #{tags}, updated_at = now()
    where id = #{id}
    returning\s""" + COLUMNS + ", chord_text";
  private static final String DELETE = "delete from song where id = #{id}";

  private final Pool pool;

  public SongRepository(Pool pool) {
    this.pool = pool;
  }

  /** Songs whose title, artist or tags contain every one of the words, case-insensitively. */
  Future<List<Song>> search(List<String> words) {
    String[] patterns = words.stream().map(w -> "%" + escapeLike(w) + "%").toArray(String[]::new);
    String prefix = escapeLike(String.join(" ", words)) + "%";
    return SqlTemplate.forQuery(pool, SEARCH)
      .execute(Map.of("patterns", patterns, "prefix", prefix, "limit", SEARCH_LIMIT))
      .map(rows -> {
        List<Song> songs = new ArrayList<>(rows.size());
        rows.forEach(row -> songs.add(Song.summary(row)));
        return songs;
      });
  }

  /** The song with its chord text (hidden from non-hosts while chord sheets are off), or null. */
  Future<Song> find(long id, boolean host) {
    return SqlTemplate.forQuery(pool, FIND).execute(Map.of("id", id, "host", host)).map(SongRepository::first);
  }

  Future<Song> create(SongInput song) {
    return SqlTemplate.forQuery(pool, INSERT).execute(params(song)).map(SongRepository::first);
  }

  /** Applies the change under a row lock, so two edits of different fields both land; null if there is no song. */
  Future<Song> update(long id, UnaryOperator<SongInput> change) {
    return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, LOCK).execute(Map.of("id", id))
      .map(SongRepository::first)
      .compose(current -> current == null
        ? Future.succeededFuture(null)
        : save(conn, id, change.apply(input(current)))));
  }

  /** False when there was no such song. Queue items that came from it keep their own copy of the song. */
  Future<Boolean> delete(long id) {
    return SqlTemplate.forUpdate(pool, DELETE).execute(Map.of("id", id)).map(rows -> rows.rowCount() > 0);
  }

  private static Future<Song> save(SqlClient conn, long id, SongInput song) {
    Map<String, Object> params = params(song);
    params.put("id", id);
    return SqlTemplate.forQuery(conn, UPDATE).execute(params).map(SongRepository::first);
  }

  private static Map<String, Object> params(SongInput song) {
    Map<String, Object> params = new HashMap<>();
    params.put("title", song.title());
    params.put("artist", song.artist());
    params.put("key", song.key());
    params.put("link", song.link());
    params.put("chordText", song.chordText());
    params.put("tags", song.tags().toArray(String[]::new));
    return params;
  }

  private static SongInput input(Song song) {
    return new SongInput(song.title(), song.artist(), song.key(), song.link(), song.chordText(), song.tags());
  }

  private static Song first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Song.full(rows.iterator().next());
  }

  /** The user's text matched literally: LIKE's wildcards and its escape character lose their meaning. */
  static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}

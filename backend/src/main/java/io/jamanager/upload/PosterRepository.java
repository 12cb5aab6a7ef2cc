package io.jamanager.upload;

import io.jamanager.flags.FlagRepository;
import io.jamanager.flags.Flags;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.Map;

/** Poster images, stored in PostgreSQL under the SHA-256 of their bytes, and the jam that shows each. */
public final class PosterRepository {

  private static final String JAM_EXISTS = "select exists (select 1 from jam where id = #{jam})";
  /** The same image uploaded twice is one row. */
  private static final String STORE = """
    insert into poster (sha256, content_type, bytes) values (#{sha}, #{type}, #{bytes})
    on conflict (sha256) do nothing""";
  /** Sets the jam's poster and answers the one it replaces; no row when the jam is gone. */
  private static final String ATTACH = """
    update jam j set poster_sha256 = #{sha}
      from (select id, poster_sha256 from jam where id = #{jam} for update) old
     where j.id = old.id
    returning old.poster_sha256""";
  private static final String FIND = "select content_type, bytes from poster where sha256 = #{sha}";
  private static final String DROP_UNUSED = """
    delete from poster p where p.sha256 = #{sha}
       and not exists (select 1 from jam where poster_sha256 = p.sha256)""";

  /** The outcome of showing a poster on a jam: the poster it replaced, null when the jam had none. */
  record Attached(String previous) {
  }

  private final Pool pool;

  public PosterRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Boolean> jamExists(long jamId) {
    return SqlTemplate.forQuery(pool, JAM_EXISTS).execute(Map.of("jam", jamId))
      .map(rows -> rows.iterator().next().getBoolean(0));
  }

  Future<Boolean> uploadsEnabled() {
    return FlagRepository.enabled(pool, Flags.UPLOADS);
  }

  /**
   * Stores the poster and shows it on the jam, in the caller's transaction; null when the jam does not exist.
   */
  static Future<Attached> attach(SqlClient tx, long jamId, Poster poster) {
    return SqlTemplate.forUpdate(tx, STORE)
      .execute(Map.of("sha", poster.sha256(), "type", poster.contentType(), "bytes", Buffer.buffer(poster.bytes())))
      .compose(v -> {
        Map<String, Object> params = new HashMap<>();
        params.put("sha", poster.sha256());
        params.put("jam", jamId);
        return SqlTemplate.forQuery(tx, ATTACH).execute(params);
      })
      .map(rows -> rows.size() == 0 ? null : new Attached(rows.iterator().next().getString(0)));
  }

  /** The stored poster, or null. */
  Future<Poster> find(String sha256) {
    return SqlTemplate.forQuery(pool, FIND).execute(Map.of("sha", sha256)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Poster(sha256, row.getString(0), row.getBuffer(1).getBytes());
    });
  }

  /** Deletes a replaced poster unless another jam still shows it. */
  Future<Void> dropIfUnused(String sha256) {
    return SqlTemplate.forUpdate(pool, DROP_UNUSED).execute(Map.of("sha", sha256)).mapEmpty();
  }
}

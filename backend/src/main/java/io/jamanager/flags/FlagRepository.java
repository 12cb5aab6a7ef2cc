package io.jamanager.flags;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;

/** The feature_flag table. Flags are read from the database on every use, so every instance enforces the same state. */
public final class FlagRepository {

  private static final String ALL = "select name, enabled from feature_flag order by name";
  private static final String ENABLED = "select enabled from feature_flag where name = #{name}";
  private static final String SET = "update feature_flag set enabled = #{enabled} where name = #{name}";

  private final Pool pool;

  public FlagRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every flag by name: {@code {"chord_sheets": true, …}}. */
  public Future<JsonObject> all() {
    return all(pool);
  }

  static Future<JsonObject> all(SqlClient client) {
    return client.query(ALL).execute().map(rows -> {
      JsonObject flags = new JsonObject();
      rows.forEach(row -> flags.put(row.getString(0), row.getBoolean(1)));
      return flags;
    });
  }

  /**
   * Whether a flag is on, read through the caller's client so it can sit inside another feature's transaction.
   * A name that is not a flag is a programming error and fails the future.
   */
  public static Future<Boolean> enabled(SqlClient client, String name) {
    return SqlTemplate.forQuery(client, ENABLED).execute(Map.of("name", name)).compose(rows -> rows.size() == 0
      ? Future.failedFuture(new IllegalArgumentException("no feature flag named " + name))
      : Future.succeededFuture(rows.iterator().next().getBoolean(0)));
  }

  /** Switches a flag; false when there is no such flag. */
  static Future<Boolean> set(SqlClient client, String name, boolean enabled) {
    return SqlTemplate.forUpdate(client, SET).execute(Map.of("name", name, "enabled", enabled))
      .map(result -> result.rowCount() > 0);
  }
}

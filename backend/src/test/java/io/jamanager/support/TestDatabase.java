package io.jamanager.support;

import io.jamanager.config.ConfigLoader;
import io.jamanager.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL every test in this JVM shares: TEST_DATABASE_URL when set, otherwise one embedded
 * server started and migrated on first use. {@link #reset()} empties every table between tests.
 */
public final class TestDatabase {

  private static String url;

  private TestDatabase() {
  }

  /** A DATABASE_URL (postgres://…) for the shared test database. */
  public static synchronized String url() {
    if (url == null) {
      String given = System.getenv("TEST_DATABASE_URL");
      if (given != null && !given.isBlank()) {
        url = given;
      } else {
        try {
          EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
              pg.close();
            } catch (IOException e) {
              // The JVM is going away; the temp directory is cleaned by the OS.
            }
          }));
          url = "postgres://postgres:postgres@localhost:" + pg.getPort() + "/postgres";
          try (Database db = Database.open(ConfigLoader.load(Map.of("DATABASE_URL", url)))) {
            db.migrate();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return url;
  }

  public static Connection connect() throws SQLException {
    return connect(url());
  }

  public static Connection connect(String databaseUrl) throws SQLException {
    io.jamanager.config.DatabaseUrl db = io.jamanager.config.DatabaseUrl.parse(databaseUrl);
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  /**
   * Empties all application tables; the migration history stays and every feature flag is back on.
   * Ids keep counting up, as in production, so a running server never sees an id twice.
   */
  public static void reset() {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(
        "select tablename from pg_tables where schemaname = 'public'"
          + " and tablename not in ('flyway_schema_history', 'feature_flag')")) {
        while (rs.next()) {
          tables.add('"' + rs.getString(1) + '"');
        }
      }
      if (!tables.isEmpty()) {
        s.execute("truncate " + String.join(", ", tables) + " cascade");
      }
      s.execute("update feature_flag set enabled = true");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reset the test database", e);
    }
  }

  public static long count(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

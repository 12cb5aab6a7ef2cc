package io.jamanager.support;

import io.jamanager.App;
import io.jamanager.config.AppConfig;
import io.jamanager.config.ConfigLoader;
import io.jamanager.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/** A whole server on a free port against the shared test database, as `serve` would start it. */
public final class TestApp implements AutoCloseable {

  public static final String ACCESS_CODE = "test-access-code-1234";

  private final App app;
  private final Database database;
  private final AppConfig config;

  private TestApp(App app, Database database, AppConfig config) {
    this.app = app;
    this.database = database;
    this.config = config;
  }

  public static TestApp start() {
    return start(Map.of());
  }

  public static TestApp start(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("APP_ENV", "development");
    env.put("PORT", String.valueOf(freePort()));
    env.put("HOST", "127.0.0.1");
    env.put("DATABASE_URL", TestDatabase.url());
    env.put("JAM_MANAGER_ACCESS_CODE", ACCESS_CODE);
    env.put("JWT_SECRETS", "k1:test-secret-that-is-at-least-32-bytes-long");
    env.put("SHUTDOWN_DRAIN_SECONDS", "5");
    env.put("DATABASE_POOL_SIZE", "4");
    // Tests log in and join far faster than people do; ThrottleTest sets real limits.
    env.put("RATE_LIMIT_LOGIN", "100000/min");
    env.put("RATE_LIMIT_JOIN", "100000/min");
    env.put("RATE_LIMIT_WRITE", "100000/min");
    env.put("RATE_LIMIT_GENERAL", "1000000/min");
    env.putAll(overrides);
    AppConfig config = ConfigLoader.load(env);
    if (!config.valid()) {
      throw new IllegalStateException("test configuration refused: " + config.problems());
    }
    Database database = Database.open(config);
    try {
      return new TestApp(App.start(config, database), database, config);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start", e);
    }
  }

  public int port() {
    return app.port();
  }

  public App app() {
    return app;
  }

  public AppConfig config() {
    return config;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    app.stop();
    database.close();
  }
}

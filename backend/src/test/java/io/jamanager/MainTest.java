package io.jamanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.db.Database;
import io.jamanager.support.Cli;
import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.jamanager.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void productionWithDefaultsRefusesToStartListingEveryProblem() throws Exception {
    Cli.Result result = Cli.run(Map.of("APP_ENV", "production"), "serve");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output())
      .contains("config: DATABASE_URL is required in production")
      .contains("config: JAM_MANAGER_ACCESS_CODE is the development default")
      .contains("config: JWT_SECRETS is required in production")
      .contains("config: PUBLIC_URL is required in production");
  }

  @Test
  void checkConfigPrintsMaskedSettingsAndExitsNonZeroOnProblems() throws Exception {
    Cli.Result bad = Cli.run(Map.of("APP_ENV", "production", "JAM_MANAGER_ACCESS_CODE", "hunter2-secret"), "check-config");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.output()).contains("JAM_MANAGER_ACCESS_CODE").doesNotContain("hunter2-secret").contains("problem(s)");

    Cli.Result good = Cli.run(Map.of("APP_ENV", "development"), "check-config");
    assertThat(good.exitCode()).isZero();
    assertThat(good.output()).contains("OK: no problems").contains("PORT");
  }

  @Test
  void migrateAppliesMigrationsAndExitsZero() throws Exception {
    Cli.Result result = Cli.run(Map.of("DATABASE_URL", TestDatabase.url()), "migrate");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("migrate: schema at version");
  }

  @Test
  void migrateFailsClearlyWhenTheDatabaseIsUnreachable() throws Exception {
    int closedPort = TestApp.freePort();
    Cli.Result result = Cli.run(Map.of("DATABASE_URL", "postgres://u:p@127.0.0.1:" + closedPort + "/x"), "migrate");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("migrate failed:");
  }

  @Test
  void jsonLogFormatWritesOneJsonObjectPerLine() throws Exception {
    int closedPort = TestApp.freePort();
    Cli.Result result = Cli.run(Map.of("LOG_FORMAT", "json", "DATABASE_URL", "postgres://u:p@127.0.0.1:" + closedPort + "/x"),
      "serve");
    assertThat(result.exitCode()).isEqualTo(1);
    String line = result.output().lines().filter(l -> l.contains("cannot start")).findFirst().orElseThrow();
    io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(line);
    assertThat(json.getString("level")).isEqualTo("ERROR");
    assertThat(json.getString("formattedMessage")).startsWith("cannot start:");
  }

  @Test
  void productionServeRefusesAnUnmigratedDatabaseWithOneLineNamingMigrate() throws Exception {
    String url = emptyDatabase("unmigrated");
    Cli.Result result = Cli.run(production(url), "serve");
    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output().strip()).isEqualTo("refusing to start: the database schema is at version none, this build"
      + " needs " + Database.SCHEMA_VERSION + "; run 'java -jar jamanager.jar migrate' first");
  }

  @Test
  void productionServeRefusesADatabaseMigratedByANewerBuild() throws Exception {
    String url = emptyDatabase("newer");
    try (Connection c = TestDatabase.connect(url); Statement s = c.createStatement()) {
      s.execute("create table flyway_schema_history (installed_rank int, version varchar(50), success boolean)");
      s.execute("insert into flyway_schema_history values (1, '1', true), (2, '99', true)");
    }
    Cli.Result result = Cli.run(production(url), "serve");
    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output().strip()).isEqualTo("refusing to start: the database schema is at version 99, newer than"
      + " this build's " + Database.SCHEMA_VERSION + "; deploy the build that migrated it (or a newer one)");
  }

  @Test
  void unknownCommandExitsWithUsage() throws Exception {
    Cli.Result result = Cli.run(Map.of(), "dance");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("use serve, migrate or check-config");
  }

  @Test
  void sigtermDrainsAnInFlightRequestAndExitsZero() throws Exception {
    int port = TestApp.freePort();
    Process server = Cli.start(Map.of("DATABASE_URL", TestDatabase.url(), "PORT", String.valueOf(port),
      "JAM_MANAGER_ACCESS_CODE", TestApp.ACCESS_CODE), "serve");
    try {
      Http http = new Http(port);
      long deadline = System.currentTimeMillis() + 30_000;
      while (!isReady(http) && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        // A request whose body is still arriving when SIGTERM lands.
        var out = socket.getOutputStream();
        out.write(("POST /api/v1/version HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 10\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(300);
        server.destroy();
        Thread.sleep(500);
        out.write("\"b\"}".getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(in.readLine()).startsWith("HTTP/1.1 405");
      }
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(server.exitValue()).isZero();
    } finally {
      server.destroyForcibly();
    }
  }

  private static Map<String, String> production(String databaseUrl) {
    return Map.of("APP_ENV", "production", "DATABASE_URL", databaseUrl, "JAM_MANAGER_ACCESS_CODE", TestApp.ACCESS_CODE,
      "JWT_SECRETS", "k1:test-secret-that-is-at-least-32-bytes-long", "PUBLIC_URL", "https://jam.example.com",
      "PORT", String.valueOf(TestApp.freePort()));
  }

  /** A new, empty database beside the shared one, as a freshly provisioned production database would be. */
  private static String emptyDatabase(String prefix) throws Exception {
    String name = prefix + "_" + System.nanoTime();
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return TestDatabase.url().replaceFirst("/[^/]*$", "/" + name);
  }

  private static boolean isReady(Http http) {
    try {
      return http.get("/health/ready").status() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }
}

package io.jamanager;

import io.jamanager.config.AppConfig;
import io.jamanager.config.ConfigLoader;
import io.jamanager.db.Database;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Entry point: {@code serve} (default), {@code migrate} or {@code check-config}. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    AppConfig config = ConfigLoader.fromEnvironment();
    // Logging reads these on its first use, so they must be set before any logger exists.
    System.setProperty("jamanager.log.level", config.logLevel());
    System.setProperty("jamanager.log.format", config.logFormat());
    int status = switch (command) {
      case "serve" -> serve(config);
      case "migrate" -> migrate(config);
      case "check-config" -> checkConfig(config);
      default -> {
        System.err.println("unknown command '" + command + "'; use serve, migrate or check-config");
        yield 2;
      }
    };
    if (status != 0 || !command.equals("serve")) {
      System.exit(status);
    }
  }

  private static int checkConfig(AppConfig config) {
    System.out.println("JaManager configuration (" + (config.production() ? "production" : "development") + "):");
    config.describe().forEach(line -> System.out.println("  " + line));
    if (config.valid()) {
      System.out.println("OK: no problems");
      return 0;
    }
    System.out.println(config.problems().size() + " problem(s):");
    config.problems().forEach(p -> System.out.println("  - " + p));
    return 1;
  }

  private static boolean refuse(AppConfig config) {
    if (config.valid()) {
      return false;
    }
    System.err.println("refusing to start: the configuration has " + config.problems().size() + " problem(s)");
    config.problems().forEach(p -> System.err.println("config: " + p));
    return true;
  }

  private static int migrate(AppConfig config) {
    if (refuse(config)) {
      return 1;
    }
    try (Database database = Database.open(config)) {
      String version = database.migrate();
      System.out.println("migrate: schema at version " + version + " on " + database.url().masked());
      return 0;
    } catch (Exception e) {
      System.err.println("migrate failed: " + rootMessage(e));
      return 1;
    }
  }

  private static int serve(AppConfig config) {
    if (refuse(config)) {
      return 1;
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    Database database;
    App app;
    try {
      database = Database.open(config);
      // Development migrates itself in App.start; production leaves that to the release step, so check it ran.
      Optional<String> refusal = config.production() ? database.schemaRefusal() : Optional.empty();
      if (refusal.isPresent()) {
        System.err.println(refusal.get());
        database.close();
        return 1;
      }
      app = App.start(config, database);
    } catch (Exception e) {
      log.error("cannot start: {}", rootMessage(e));
      return 1;
    }
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    log.info("JaManager ready on http://localhost:{} ({} ms after JVM start)", config.port(), uptime);

    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable shutdown = () -> {
      // A second signal (a supervisor repeating SIGTERM, Ctrl-C twice) must not start a second shutdown.
      if (!stopping.compareAndSet(false, true)) {
        return;
      }
      try {
        app.stop();
      } catch (Exception e) {
        log.warn("shutdown was not clean: {}", rootMessage(e));
      } finally {
        database.close();
        stopped.countDown();
      }
    };
    // Handling the signals ourselves (rather than a shutdown hook) lets a clean drain exit 0 instead of 143.
    Signal.handle(new Signal("TERM"), sig -> new Thread(shutdown, "shutdown").start());
    Signal.handle(new Signal("INT"), sig -> new Thread(shutdown, "shutdown").start());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(0);
    return 0;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}

package io.jamanager.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real entry point in a separate JVM with a chosen environment. */
public final class Cli {

  private Cli() {
  }

  public record Result(int exitCode, String output) {
  }

  public static Process start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
      System.getProperty("java.home") + "/bin/java", "-cp", System.getProperty("java.class.path"),
      // The product logging configuration, not the test one that is also on this class path.
      "-Dlogback.configurationFile=logback.xml", "io.jamanager.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.matches("APP_ENV|DATABASE_URL|JAM_MANAGER_ACCESS_CODE|JWT_SECRETS|CORS_ORIGINS|PUBLIC_URL|PORT"));
    pb.environment().putAll(env);
    return pb.start();
  }

  public static Result run(Map<String, String> env, String... args) throws Exception {
    Process p = start(env, args);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("command did not finish: " + String.join(" ", args));
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}

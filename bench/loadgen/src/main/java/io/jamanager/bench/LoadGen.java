package io.jamanager.bench;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's command line: each sub-command runs one part of a scenario and prints one JSON line.
 * The shell scripts in bench/ start the server and the database and call these.
 */
public final class LoadGen {

  private LoadGen() {
  }

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("usage: loadgen seed|http|fanout|night|raw|plot --option value …  (see bench/README.md)");
      System.exit(2);
    }
    Args args = Args.parse(argv);
    try {
      JsonObject result = switch (argv[0]) {
        case "seed" -> Seed.run(args);
        case "http" -> HttpLoad.run(args);
        case "fanout" -> Fanout.run(args);
        case "night" -> Night.run(args);
        case "raw" -> RawBroadcaster.run(args);
        case "plot" -> Plot.run(args);
        case "storm" -> Storm.run(args);
        case "slow" -> SlowClients.run(args);
        case "soak" -> Soak.run(args);
        default -> throw new IllegalArgumentException("unknown sub-command " + argv[0]);
      };
      if (result != null) {
        System.out.println(result.encode());
      }
      System.exit(0);
    } catch (Exception e) {
      // Vert.x threads would keep the JVM alive: a failed scenario must end, and say so.
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** {@code --name value} pairs after the sub-command. */
  record Args(Map<String, String> values) {

    static Args parse(String[] argv) {
      Map<String, String> values = new HashMap<>();
      for (int i = 1; i + 1 < argv.length; i += 2) {
        if (!argv[i].startsWith("--")) {
          throw new IllegalArgumentException("expected --option, got " + argv[i]);
        }
        values.put(argv[i].substring(2), argv[i + 1]);
      }
      return new Args(values);
    }

    String string(String name, String fallback) {
      return values.getOrDefault(name, fallback);
    }

    String string(String name) {
      String v = values.get(name);
      if (v == null) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return v;
    }

    int integer(String name, int fallback) {
      return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    double decimal(String name, double fallback) {
      return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }
  }
}

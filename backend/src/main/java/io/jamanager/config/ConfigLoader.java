package io.jamanager.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** Builds the raw settings: defaults, then the config file, then the environment. */
public final class ConfigLoader {

  /** Names the config file; defaults to config/jamanager.properties when that file exists. */
  public static final String CONFIG_FILE_VARIABLE = "JAMANAGER_CONFIG";
  private static final Path DEFAULT_FILE = Path.of("config", "jamanager.properties");

  private ConfigLoader() {
  }

  public static AppConfig fromEnvironment() {
    return load(System.getenv());
  }

  public static AppConfig load(Map<String, String> env) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    Map<Setting, String> sources = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      values.put(s, s.defaultValue());
      sources.put(s, "default");
    }
    String fileProblem = null;
    Path file = env.containsKey(CONFIG_FILE_VARIABLE) ? Path.of(env.get(CONFIG_FILE_VARIABLE)) : DEFAULT_FILE;
    if (Files.isRegularFile(file)) {
      Properties props = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        props.load(reader);
        for (Setting s : Setting.values()) {
          String v = props.getProperty(s.name());
          if (v != null) {
            values.put(s, v.trim());
            sources.put(s, file.toString());
          }
        }
      } catch (IOException e) {
        fileProblem = "cannot read config file " + file + ": " + e.getMessage();
      }
    } else if (env.containsKey(CONFIG_FILE_VARIABLE)) {
      fileProblem = CONFIG_FILE_VARIABLE + " names " + file + ", which is not a file";
    }
    for (Setting s : Setting.values()) {
      String v = env.get(s.name());
      if (v != null) {
        values.put(s, v.trim());
        sources.put(s, "environment");
      }
    }
    return AppConfig.parse(values, sources, fileProblem);
  }
}

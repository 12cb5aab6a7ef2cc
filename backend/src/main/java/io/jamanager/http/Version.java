package io.jamanager.http;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version and commit, baked in at package time. */
public final class Version {

  private static final JsonObject INFO = load();

  private Version() {
  }

  public static JsonObject json() {
    return INFO.copy();
  }

  private static JsonObject load() {
    Properties props = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/jamanager-version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      // A missing file only means a build without version information.
    }
    return new JsonObject()
      .put("version", props.getProperty("version", "dev"))
      .put("commit", props.getProperty("commit", "unknown"));
  }
}

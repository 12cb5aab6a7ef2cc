package io.jamanager.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What happened when, in wall-clock milliseconds, one JSON line each: for reading a failed run afterwards. */
final class Timeline {

  private final List<JsonObject> lines = new ArrayList<>();

  synchronized void add(String kind, JsonObject fields) {
    lines.add(new JsonObject().put("t", System.currentTimeMillis()).put("k", kind).mergeIn(fields));
  }

  void phone(long jamId, String what) {
    add("phone", new JsonObject().put("jam", jamId).put("what", what));
  }

  synchronized void write(String file) throws IOException {
    StringBuilder out = new StringBuilder();
    for (JsonObject line : lines) {
      out.append(line.encode()).append('\n');
    }
    Files.writeString(Path.of(file), out);
  }
}

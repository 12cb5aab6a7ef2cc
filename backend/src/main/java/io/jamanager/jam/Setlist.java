package io.jamanager.jam;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Collectors;

/** The night's setlist as CSV: one row per played song, performers as "name (instrument)". */
final class Setlist {

  private Setlist() {
  }

  static String csv(JsonArray songs) {
    StringBuilder sb = new StringBuilder("position,title,artist,key,performers,suggested_by\r\n");
    int n = 0;
    for (Object o : songs) {
      JsonObject item = (JsonObject) o;
      String performers = item.getJsonArray("performers").stream()
        .filter(p -> !"bench".equals(((JsonObject) p).getString("state")))
        .map(p -> ((JsonObject) p).getString("name") + " (" + ((JsonObject) p).getString("instrument") + ")")
        .collect(Collectors.joining("; "));
      JsonObject by = item.getJsonObject("suggestedBy");
      sb.append(++n).append(',')
        .append(cell(item.getString("title"))).append(',')
        .append(cell(item.getString("artist"))).append(',')
        .append(cell(item.getString("key"))).append(',')
        .append(cell(performers)).append(',')
        .append(cell(by == null ? "" : by.getString("name"))).append("\r\n");
    }
    return sb.toString();
  }

  /** Quotes per RFC 4180 and defuses spreadsheet formulas in user text. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String v = value.matches("^[=+\\-@\\t\\r].*") ? "'" + value : value;
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}

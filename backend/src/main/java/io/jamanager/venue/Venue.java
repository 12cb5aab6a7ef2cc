package io.jamanager.venue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A place where jams happen. */
record Venue(long id, String name, String address) {

  static Venue from(Row row) {
    return new Venue(row.getLong("id"), row.getString("name"), row.getString("address"));
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("address", address);
  }
}

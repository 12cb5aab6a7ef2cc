package io.jamanager.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Creates the benchmark's jams through the public API and writes their ids and tokens to a file.
 * Per jam: {@code items} songs suggested by the host, {@code attendees} attendees who cast the load's
 * votes, and {@code crowd} attendees who already voted (5 songs each) and signed up to play (2 songs
 * each), so snapshots carry votes and performers. Jams, songs and load attendees are created one at a
 * time, so each forms one block of consecutive ids: pgbench picks rows with the same arithmetic.
 */
final class Seed {

  private Seed() {
  }

  static JsonObject run(LoadGen.Args args) throws Exception {
    int port = args.integer("port", 8080);
    int jams = args.integer("jams", 10);
    int items = args.integer("items", 30);
    int attendees = args.integer("attendees", 40);
    int crowd = args.integer("crowd", 20);
    Vertx vertx = Vertx.vertx();
    Rest rest = new Rest(vertx, port, 1, false);
    String host = rest.expect(200, HttpMethod.POST, "/api/v1/auth/login",
      new JsonObject().put("accessCode", args.string("access-code")), null).getString("token");

    JsonArray out = new JsonArray();
    for (int j = 0; j < jams; j++) {
      JsonObject jam = rest.expect(201, HttpMethod.POST, "/api/v1/jams", new JsonObject()
        .put("name", "Bench jam " + (j + 1)).put("startsAt", "2030-05-01T20:00:00Z")
        .put("maxSuggestionsPerAttendee", 100).put("maxPerformancesPerAttendee", 100), host);
      rest.expect(200, HttpMethod.POST, "/api/v1/jams/" + jam.getLong("id") + "/start", null, host);
      out.add(new JsonObject().put("id", jam.getLong("id")).put("slug", jam.getString("slug"))
        .put("joinCode", jam.getString("joinCode")).put("items", new JsonArray()).put("attendees", new JsonArray()));
    }
    for (int j = 0; j < jams; j++) {
      JsonObject jam = out.getJsonObject(j);
      for (int i = 0; i < items; i++) {
        long id = rest.expect(201, HttpMethod.POST, queue(jam), new JsonObject()
          .put("title", "Song " + (i + 1) + " of jam " + (j + 1)).put("artist", "Artist " + (i % 7)), host).getLong("id");
        jam.getJsonArray("items").add(id);
      }
    }
    for (int j = 0; j < jams; j++) {
      JsonObject jam = out.getJsonObject(j);
      for (int a = 0; a < attendees; a++) {
        JsonObject joined = join(rest, jam, "Voter " + (a + 1));
        jam.getJsonArray("attendees").add(new JsonObject()
          .put("id", joined.getJsonObject("attendee").getLong("id")).put("token", joined.getString("token")));
      }
    }
    Random random = new Random(7);
    for (int j = 0; j < jams; j++) {
      JsonObject jam = out.getJsonObject(j);
      JsonArray ids = jam.getJsonArray("items");
      for (int c = 0; c < crowd; c++) {
        String token = join(rest, jam, "Fan " + (c + 1)).getString("token");
        for (int v = 0; v < 5 && v < ids.size(); v++) {
          rest.expect(200, HttpMethod.POST, queue(jam) + "/" + ids.getLong(random.nextInt(ids.size())) + "/vote", null, token);
        }
        for (int s = 0; s < 2 && s < ids.size(); s++) {
          rest.expect(201, HttpMethod.POST, queue(jam) + "/" + ids.getLong((c * 2 + s) % ids.size()) + "/performers",
            new JsonObject().put("instrument", s == 0 ? "guitar" : "vocals"), token);
        }
      }
      JsonObject snapshot = rest.expect(200, HttpMethod.GET, "/api/v1/jams/" + jam.getString("slug"), null, null);
      jam.put("viewerToken", snapshot.getString("viewerToken"));
    }

    JsonObject seed = new JsonObject().put("jams", out).put("itemsPerJam", items).put("attendeesPerJam", attendees)
      .put("firstJam", out.getJsonObject(0).getLong("id"))
      .put("firstItem", out.getJsonObject(0).getJsonArray("items").getLong(0))
      .put("firstAttendee", out.getJsonObject(0).getJsonArray("attendees").getJsonObject(0).getLong("id"))
      .put("contiguous", contiguous(out, items, attendees));
    Files.writeString(Path.of(args.string("out")), seed.encodePrettily());
    vertx.close();
    return new JsonObject().put("seeded", jams).put("contiguous", seed.getBoolean("contiguous"));
  }

  private static JsonObject join(Rest rest, JsonObject jam, String name) throws Exception {
    return rest.expect(201, HttpMethod.POST, "/api/v1/jams/" + jam.getString("joinCode") + "/attendees",
      new JsonObject().put("name", name).put("instruments", new JsonArray().add("guitar").add("vocals")), null);
  }

  static String queue(JsonObject jam) {
    return "/api/v1/jams/" + jam.getLong("id") + "/queue";
  }

  /** Whether ids run jam0+j, item0+j*items+i and attendee0+j*attendees+a, as the pgbench scripts assume. */
  private static boolean contiguous(JsonArray jams, int items, int attendees) {
    long jam0 = jams.getJsonObject(0).getLong("id");
    long item0 = jams.getJsonObject(0).getJsonArray("items").getLong(0);
    long att0 = jams.getJsonObject(0).getJsonArray("attendees").getJsonObject(0).getLong("id");
    for (int j = 0; j < jams.size(); j++) {
      JsonObject jam = jams.getJsonObject(j);
      if (jam.getLong("id") != jam0 + j) {
        return false;
      }
      for (int i = 0; i < items; i++) {
        if (jam.getJsonArray("items").getLong(i) != item0 + (long) j * items + i) {
          return false;
        }
      }
      for (int a = 0; a < attendees; a++) {
        if (jam.getJsonArray("attendees").getJsonObject(a).getLong("id") != att0 + (long) j * attendees + a) {
          return false;
        }
      }
    }
    return true;
  }
}

package io.jamanager.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A jam night in progress for the fuzzer to aim at: two jams, a venue, a song, attendees, queue items with votes
 * and a sign-up, one song playing, a co-host. Built once through the API, then kept as a copy in the database so that it can
 * be put back in milliseconds after a request changed it, with the same ids, so the tokens stay valid.
 */
final class Fixture implements AutoCloseable {

  private static final String COPY = "fuzz_fixture";

  final String host;
  final String attendee;
  final String otherJamAttendee;
  final String viewer;
  final String stage;
  final String cohost;
  final long cohostLinkId;
  final JsonObject jam;
  final JsonObject otherJam;
  final long itemId;
  final long hostItemId;
  final long attendeeId;
  final long otherAttendeeId;
  final long songId;
  final long venueId;

  private final Connection db;
  private final List<String> tables;

  private Fixture(Http http) throws SQLException {
    Api api = new Api(http);
    host = api.hostToken();
    venueId = created(http.post("/api/v1/venues", new JsonObject().put("name", "The Blue Note").put("address", "1 Jazz St"), host))
      .getLong("id");
    songId = created(http.post("/api/v1/songs", new JsonObject().put("title", "Autumn Leaves").put("artist", "Kosma")
      .put("key", "Gm").put("chordText", "Am7 D7 Gmaj7\nThe falling leaves").put("tags", new JsonArray().add("jazz")), host))
      .getLong("id");
    jam = created(http.post("/api/v1/jams", new JsonObject().put("name", "Friday Blues Jam").put("venueId", venueId)
      .put("startsAt", "2030-05-01T20:00:00Z"), host));
    otherJam = api.createJam(host, "Sunday Folk Session");
    assertThat(http.post(Api.jamPath(jam) + "/start", null, host).status()).isEqualTo(200);

    JsonObject ana = api.join(jam, "Ana", "guitar", "vocals");
    JsonObject ben = api.join(jam, "Ben", "drums");
    attendee = ana.getString("token");
    attendeeId = ana.getJsonObject("attendee").getLong("id");
    otherAttendeeId = ben.getJsonObject("attendee").getLong("id");
    otherJamAttendee = api.join(otherJam, "Cleo", "bass").getString("token");

    itemId = api.suggest(jam, attendee, "Pride and Joy", "Stevie Ray Vaughan").getLong("id");
    hostItemId = created(http.post(Api.queue(jam), new JsonObject().put("songId", songId), host)).getLong("id");
    long playing = api.suggest(jam, ben.getString("token"), "The Thrill Is Gone", "B.B. King").getLong("id");
    assertThat(api.vote(jam, itemId, ben.getString("token")).status()).isEqualTo(200);
    assertThat(http.post(Api.queue(jam) + "/" + itemId + "/performers", new JsonObject().put("instrument", "guitar"), attendee)
      .status()).isEqualTo(201);
    assertThat(http.post(Api.jamPath(jam) + "/now-playing", new JsonObject().put("itemId", playing), host).status())
      .isEqualTo(200);
    viewer = api.snapshot(jam, null).getString("viewerToken");
    stage = created(http.post(Api.jamPath(jam) + "/stage-link", null, host)).getString("token");
    JsonObject link = api.cohostLink(host, jam, "Sam (sound)");
    cohostLinkId = link.getJsonObject("link").getLong("id");
    cohost = api.redeem(Api.codeOf(link)).getString("token");

    db = TestDatabase.connect();
    tables = tablesInDependencyOrder();
    keepCopy();
  }

  static Fixture create(Http http) {
    try {
      return new Fixture(http);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot build the fuzz fixture", e);
    }
  }

  long jamId() {
    return jam.getLong("id");
  }

  /** Puts every table back as the fixture left it; ids keep counting up from where they are. */
  void restore() {
    try (Statement s = db.createStatement()) {
      db.setAutoCommit(false);
      s.execute("truncate " + String.join(", ", quoted(tables)) + " cascade");
      for (String table : tables) {
        s.execute("insert into public.\"" + table + "\" overriding system value select * from " + COPY + ".\"" + table + "\"");
      }
      db.commit();
      db.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot restore the fuzz fixture", e);
    }
  }

  /** A digest of every row of every table, by table, to tell exactly which ones a request changed. */
  Map<String, String> digest() {
    StringBuilder sql = new StringBuilder("select ");
    for (int i = 0; i < tables.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from public.\"")
        .append(tables.get(i)).append("\" t)");
    }
    Map<String, String> digest = new LinkedHashMap<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
      rs.next();
      for (int i = 0; i < tables.size(); i++) {
        digest.put(tables.get(i), rs.getString(i + 1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database digest", e);
    }
    return digest;
  }

  private void keepCopy() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("drop schema if exists " + COPY + " cascade");
      s.execute("create schema " + COPY);
      for (String table : tables) {
        s.execute("create table " + COPY + ".\"" + table + "\" as select * from public.\"" + table + "\"");
      }
    }
  }

  /** Every application table, each after the tables it references, so rows can be put back in this order. */
  private List<String> tablesInDependencyOrder() throws SQLException {
    List<String> all = new ArrayList<>();
    Map<String, Set<String>> references = new LinkedHashMap<>();
    try (Statement s = db.createStatement()) {
      try (ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'"
        + " and tablename <> 'flyway_schema_history' order by tablename")) {
        while (rs.next()) {
          all.add(rs.getString(1));
          references.put(rs.getString(1), new LinkedHashSet<>());
        }
      }
      try (ResultSet rs = s.executeQuery("select c.conrelid::regclass::text, c.confrelid::regclass::text from pg_constraint c"
        + " where c.contype = 'f' and c.connamespace = 'public'::regnamespace")) {
        while (rs.next()) {
          String from = rs.getString(1).replace("\"", "");
          String to = rs.getString(2).replace("\"", "");
          if (references.containsKey(from) && !from.equals(to)) {
            references.get(from).add(to);
          }
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    while (ordered.size() < all.size()) {
      boolean progress = false;
      for (String table : all) {
        if (!ordered.contains(table) && ordered.containsAll(references.get(table))) {
          ordered.add(table);
          progress = true;
        }
      }
      if (!progress) {
        throw new IllegalStateException("foreign keys form a cycle: " + references);
      }
    }
    return ordered;
  }

  private static List<String> quoted(List<String> tables) {
    return tables.stream().map(t -> "public.\"" + t + "\"").toList();
  }

  private static JsonObject created(Http.Response r) {
    assertThat(r.status()).as(r.body()).isBetween(200, 201);
    return r.json();
  }

  @Override
  public void close() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("drop schema if exists " + COPY + " cascade");
    }
    db.close();
  }
}

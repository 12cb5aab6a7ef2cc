package io.jamanager.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VenueRoutesTest extends ServerTest {

  private static final String VENUES = "/api/v1/venues";

  private static String host;

  @BeforeAll
  static void start() {
    // Once per class: logins are rate limited, and the token outlives every reset.
    host = new Api(http).hostToken();
  }

  @Test
  void hostCreatesAVenueAndAnyoneListsIt() {
    Http.Response created = http.post(VENUES, new JsonObject().put("name", "  The Cellar ").put("address", "1 Main St"), host);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonObject venue = created.json();
    assertThat(venue.getLong("id")).isPositive();
    assertThat(venue.getString("name")).isEqualTo("The Cellar");
    assertThat(venue.getString("address")).isEqualTo("1 Main St");

    Http.Response list = http.get(VENUES);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.jsonArray()).containsExactly(venue);
  }

  @Test
  void venuesAreListedByName() {
    create("zebra bar");
    create("Alpha Club");
    create("mojo");
    assertThat(http.get(VENUES).jsonArray().stream().map(v -> ((JsonObject) v).getString("name")))
      .containsExactly("Alpha Club", "mojo", "zebra bar");
  }

  @Test
  void addressIsOptionalAndEmptyWhenAbsent() {
    assertThat(create("Blue Note").getString("address")).isEmpty();
  }

  @Test
  void namesAreNormalisedToNfc() {
    JsonObject venue = create("Cafe\u0301 Central");
    assertThat(venue.getString("name")).isEqualTo("Caf\u00e9 Central");
  }

  @Test
  void duplicateNameIsAConflict() {
    create("The Cellar");
    Http.Response again = http.post(VENUES, new JsonObject().put("name", "The Cellar"), host);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().getString("error")).isEqualTo("venue_exists");
    assertThat(again.json().getString("field")).isEqualTo("name");
  }

  @Test
  void invalidFieldsAreRefusedNamingTheField() {
    assertInvalid(new JsonObject(), "name");
    assertInvalid(new JsonObject().put("name", "   "), "name");
    assertInvalid(new JsonObject().put("name", 42), "name");
    assertInvalid(new JsonObject().put("name", "x".repeat(121)), "name");
    assertInvalid(new JsonObject().put("name", "Bell\u0007 Bar"), "name");
    assertInvalid(new JsonObject().put("name", "Two\nLines"), "name");
    assertInvalid(new JsonObject().put("name", "Ok").put("address", "a".repeat(301)), "address");
  }

  @Test
  void nonJsonBodyIs415() {
    Http.Response r = http.send(http.request(VENUES).header("Authorization", "Bearer " + host)
      .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=x")).build());
    assertThat(r.status()).isEqualTo(415);
  }

  @Test
  void writesNeedTheHost() {
    JsonObject body = new JsonObject().put("name", "Nope");
    assertThat(http.post(VENUES, body).status()).isEqualTo(401);
    assertThat(http.post(VENUES, body, "not-a-token").status()).isEqualTo(401);
    String viewer = viewerToken();
    Http.Response asViewer = http.post(VENUES, body, viewer);
    assertThat(asViewer.status()).isEqualTo(403);
    assertThat(asViewer.json().getString("error")).isEqualTo("host_only");
    assertThat(http.patch(VENUES + "/1", body, viewer).status()).isEqualTo(403);
    assertThat(http.delete(VENUES + "/1", viewer).status()).isEqualTo(403);
    assertThat(http.patch(VENUES + "/1", body, null).status()).isEqualTo(401);
    assertThat(http.delete(VENUES + "/1", null).status()).isEqualTo(401);
    assertThat(TestDatabase.count("select count(*) from venue")).isZero();
  }

  @Test
  void hostRenamesAndReaddressesAVenue() {
    long id = create("Cellar").getLong("id");
    Http.Response r = http.patch(VENUES + "/" + id, new JsonObject().put("name", "The Cellar"), host);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json()).isEqualTo(new JsonObject().put("id", id).put("name", "The Cellar").put("address", ""));

    r = http.patch(VENUES + "/" + id, new JsonObject().put("address", "2 Side St"), host);
    assertThat(r.json().getString("name")).isEqualTo("The Cellar");
    assertThat(r.json().getString("address")).isEqualTo("2 Side St");

    r = http.patch(VENUES + "/" + id, new JsonObject().putNull("address"), host);
    assertThat(r.json().getString("address")).isEmpty();
  }

  @Test
  void renamingToATakenNameIsAConflict() {
    create("Alpha");
    long beta = create("Beta").getLong("id");
    Http.Response r = http.patch(VENUES + "/" + beta, new JsonObject().put("name", "Alpha"), host);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().getString("error")).isEqualTo("venue_exists");
  }

  @Test
  void patchRefusesAnEmptyName() {
    long id = create("Alpha").getLong("id");
    Http.Response r = http.patch(VENUES + "/" + id, new JsonObject().put("name", ""), host);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("field")).isEqualTo("name");
  }

  @Test
  void unknownOrMalformedVenueIs404() {
    for (String id : new String[] {"999", "abc", "0", "-3"}) {
      assertThat(http.patch(VENUES + "/" + id, new JsonObject().put("name", "X"), host).status()).as(id).isEqualTo(404);
      assertThat(http.delete(VENUES + "/" + id, host).status()).as(id).isEqualTo(404);
    }
  }

  @Test
  void deletingAVenueKeepsItsJamsWithoutAVenue() throws Exception {
    long id = create("Closing Soon").getLong("id");
    long jam;
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("insert into jam (slug, join_code, name, venue_id, starts_at) values"
           + " ('last-night', 'ABCDEF', 'Last night', " + id + ", now()) returning id")) {
      rs.next();
      jam = rs.getLong(1);
    }
    Http.Response r = http.delete(VENUES + "/" + id, host);
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(http.get(VENUES).jsonArray()).isEmpty();
    assertThat(TestDatabase.count("select count(*) from jam where id = " + jam + " and venue_id is null")).isEqualTo(1);
    assertThat(http.delete(VENUES + "/" + id, host).status()).isEqualTo(404);
  }

  private static JsonObject create(String name) {
    Http.Response r = http.post(VENUES, new JsonObject().put("name", name), host);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static void assertInvalid(JsonObject body, String field) {
    Http.Response r = http.post(VENUES, body, host);
    assertThat(r.status()).as(body.encode()).isEqualTo(400);
    assertThat(r.json().getString("field")).as(body.encode()).isEqualTo(field);
    assertThat(r.json().getString("error")).isEqualTo("invalid_field");
  }

  /** A token that is valid but not the host's: a viewer of some jam. */
  private static String viewerToken() {
    return new io.jamanager.auth.Tokens(app.app().vertx(), app.config().jwtKeys()).viewer(1).token();
  }
}

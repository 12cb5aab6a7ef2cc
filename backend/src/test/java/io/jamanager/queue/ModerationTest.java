package io.jamanager.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Suggestions that wait for the host, and the trail of what the host did. */
class ModerationTest extends ServerTest {

  @Test
  void moderatedSuggestionsWaitUntilTheHostAcceptsThem() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Moderated");
    assertThat(http.patch(Api.jamPath(jam), new JsonObject().put("requireApproval", true), host).json()
      .getBoolean("requireApproval")).isTrue();
    String ana = api.join(jam, "Ana").getString("token");
    long seq = api.snapshot(jam, ana).getLong("seq");

    JsonObject item = api.suggest(jam, ana, "Wonderwall", "Oasis");
    assertThat(item.getString("status")).isEqualTo("pending");
    assertThat(api.snapshot(jam, ana).getJsonArray("queue")).as("not public yet").isEmpty();
    assertThat(api.snapshot(jam, ana).getLong("seq")).as("no public event").isEqualTo(seq);
    assertThat(api.vote(jam, item.getLong("id"), ana).status()).isEqualTo(409);

    JsonArray pending = http.get(Api.queue(jam) + "/pending", host).jsonArray();
    assertThat(pending).hasSize(1);
    assertThat(http.get(Api.queue(jam) + "/pending", ana).status()).isEqualTo(403);

    Http.Response approved = http.post(Api.queue(jam) + "/" + item.getLong("id") + "/approve", null, host);
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.json().getString("status")).isEqualTo("queued");
    assertThat(api.snapshot(jam, ana).getJsonArray("queue")).hasSize(1);
    JsonArray events = http.get(Api.jamPath(jam) + "/events?after=" + seq, ana).json().getJsonArray("events");
    assertThat(events.getJsonObject(0).getString("type")).isEqualTo("queue.added");
    assertThat(http.post(Api.queue(jam) + "/" + item.getLong("id") + "/approve", null, host).status()).isEqualTo(404);
  }

  @Test
  void hostActionsAreAudited() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Audited");
    String ana = api.join(jam, "Ana").getString("token");
    api.suggest(jam, ana, "Song", "X");
    http.post(Api.jamPath(jam) + "/start", null, host);
    http.post(Api.jamPath(jam) + "/next", null, host);

    Http.Response log = http.get("/api/v1/audit?jamId=" + jam.getLong("id"), host);
    assertThat(log.status()).isEqualTo(200);
    assertThat(log.jsonArray().stream().map(e -> ((JsonObject) e).getString("action")))
      .containsExactly("nowplaying.played", "jam.start", "jam.create");
    JsonObject entry = log.jsonArray().getJsonObject(0);
    assertThat(entry.getString("actor")).startsWith("host@");
    assertThat(entry.getString("at")).isNotBlank();
    assertThat(http.get("/api/v1/audit", ana).status()).isEqualTo(403);
  }
}

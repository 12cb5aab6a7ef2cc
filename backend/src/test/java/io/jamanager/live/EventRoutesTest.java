package io.jamanager.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class EventRoutesTest extends ServerTest {

  @Test
  void aClientThatMissedEventsGetsExactlyTheMissedOnes() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Missed");
    String ana = api.join(jam, "Ana").getString("token");
    long seenUpTo = api.snapshot(jam, ana).getLong("seq");
    long item = api.suggest(jam, ana, "One", "A").getLong("id");
    api.vote(jam, item, ana);
    api.suggest(jam, ana, "Two", "B");

    Http.Response r = http.get(Api.jamPath(jam) + "/events?after=" + seenUpTo, ana);
    assertThat(r.status()).isEqualTo(200);
    JsonArray events = r.json().getJsonArray("events");
    assertThat(events.stream().map(e -> ((JsonObject) e).getString("type")))
      .containsExactly("queue.added", "vote.changed", "queue.added");
    assertThat(events.stream().map(e -> ((JsonObject) e).getLong("seq")))
      .containsExactly(seenUpTo + 1, seenUpTo + 2, seenUpTo + 3);
    assertThat(r.json().getLong("seq")).isEqualTo(seenUpTo + 3);
    assertThat(http.get(Api.jamPath(jam) + "/events?after=" + (seenUpTo + 3), ana).json().getJsonArray("events")).isEmpty();
  }

  @Test
  void aRefusedWriteEmitsNothing() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Rollback", 1, 1);
    String ana = api.join(jam, "Ana").getString("token");
    api.suggest(jam, ana, "One", "A");
    long seq = api.snapshot(jam, ana).getLong("seq");
    // Rejected after the transaction began (limit check): nothing committed, nothing emitted.
    assertThat(http.post(Api.queue(jam), new JsonObject().put("title", "Two"), ana).status()).isEqualTo(409);
    assertThat(api.snapshot(jam, ana).getLong("seq")).isEqualTo(seq);
    assertThat(TestDatabase.count("select count(*) from jam_event where seq > " + seq)).isZero();
  }

  @Test
  void tooOldOrFutureSeqAsksForAReload() {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Expired");
    String ana = api.join(jam, "Ana").getString("token");
    Http.Response future = http.get(Api.jamPath(jam) + "/events?after=999", ana);
    assertThat(future.status()).isEqualTo(410);
    assertThat(future.json().getString("error")).isEqualTo("events_expired");
    assertThat(http.get(Api.jamPath(jam) + "/events?after=-1", ana).status()).isEqualTo(400);
    assertThat(http.get(Api.jamPath(jam) + "/events", ana).json().getString("field")).isEqualTo("after");
  }
}

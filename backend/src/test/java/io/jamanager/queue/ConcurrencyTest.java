package io.jamanager.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Api;
import io.jamanager.support.ServerTest;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Limits hold when one person's phone fires the same request fifty times at once. */
class ConcurrencyTest extends ServerTest {

  private static final int CONCURRENT = 50;

  @Test
  void fiftyConcurrentVotesByOneAttendeeCountOnce() throws Exception {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Votes");
    String ana = api.join(jam, "Ana").getString("token");
    long item = api.suggest(jam, ana, "Song", "X").getLong("id");

    List<Integer> statuses = concurrently(i -> api.vote(jam, item, ana).status());
    assertThat(statuses).containsOnly(200);
    assertThat(TestDatabase.count("select count(*) from vote where item_id = " + item)).isEqualTo(1);
    assertThat(TestDatabase.count("select votes from queue_item where id = " + item)).isEqualTo(1);
    assertThat(TestDatabase.count("select count(*) from jam_event where type = 'vote.changed'")).isEqualTo(1);
  }

  @Test
  void fiftyConcurrentSuggestionsAcceptExactlyTheLimit() throws Exception {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Suggestions", 3, 3);
    String ana = api.join(jam, "Ana").getString("token");

    List<Integer> statuses = concurrently(i ->
      http.post(Api.queue(jam), new JsonObject().put("title", "Song " + i), ana).status());
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(3);
    assertThat(statuses.stream().filter(s -> s == 409)).hasSize(CONCURRENT - 3);
    assertThat(TestDatabase.count("select count(*) from queue_item")).isEqualTo(3);
  }

  @Test
  void fiftyConcurrentSignUpsAcceptExactlyTheLimit() throws Exception {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Performers", 3, 2);
    String ana = api.join(jam, "Ana").getString("token");
    long item = api.suggest(jam, host, "Song", "X").getLong("id");

    List<Integer> statuses = concurrently(i -> http.post(Api.queue(jam) + "/" + item + "/performers",
      new JsonObject().put("instrument", "instrument " + i), ana).status());
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(2);
    assertThat(statuses.stream().filter(s -> s == 409)).hasSize(CONCURRENT - 2);
    assertThat(TestDatabase.count("select count(*) from performer")).isEqualTo(2);
  }

  @Test
  void fiftyPeopleTakingTheLastSlotAtOnceGiveItToExactlyOne() throws Exception {
    String host = api.hostToken();
    JsonObject jam = api.createJam(host, "Last slot");
    long item = api.suggest(jam, host, "Superstition", "Stevie Wonder").getLong("id");
    assertThat(http.patch(Api.queue(jam) + "/" + item, new JsonObject().put("openSlots", new JsonArray().add("bass")), host)
      .status()).isEqualTo(200);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      tokens.add(api.join(jam, "Bassist " + i, "bass").getString("token"));
    }

    List<Integer> statuses = concurrently(i -> http.post(Api.queue(jam) + "/" + item + "/performers",
      new JsonObject().put("instrument", "bass"), tokens.get(i)).status());
    assertThat(statuses).containsOnly(201);
    assertThat(TestDatabase.count("select count(*) from performer where state = 'in'")).isEqualTo(1);
    assertThat(TestDatabase.count("select count(*) from performer where state = 'bench'")).isEqualTo(CONCURRENT - 1);
    assertThat(TestDatabase.count("select count(*) from jam_event where type = 'performers.changed'")).isEqualTo(CONCURRENT);
  }

  private static List<Integer> concurrently(java.util.function.IntFunction<Integer> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        int n = i;
        calls.add(() -> request.apply(n));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(calls)) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.jamanager.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.ServerTest;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The ordering gate: every event once, in seq order, gaps filled from jam_event. */
class LiveHubTest extends ServerTest {

  @Test
  void outOfOrderAndDuplicateDeliveriesComeOutInOrderOnce() throws Exception {
    JsonObject jam = api.createJam(api.hostToken(), "Gate");
    long jamId = jam.getLong("id");
    for (int seq = 1; seq <= 4; seq++) {
      TestDatabase.count("with s as (update jam set seq = " + seq + " where id = " + jamId + " returning seq) "
        + "insert into jam_event (jam_id, seq, type, data) select " + jamId + ", seq, 'test', '{}' from s returning 1");
    }
    List<Long> published = new CopyOnWriteArrayList<>();
    app.app().vertx().eventBus().<String>consumer(JamEvent.address(jamId), m -> published.add(new JsonObject(m.body()).getLong("seq")))
      .completion().toCompletionStage().toCompletableFuture().get();
    LiveHub hub = new LiveHub(app.app().vertx(), new EventRepository(app.app().pool()));

    hub.deliver(event(jamId, 1));
    hub.deliver(event(jamId, 4));
    hub.deliver(event(jamId, 1));
    long deadline = System.currentTimeMillis() + 3000;
    while (published.size() < 4 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    hub.deliver(event(jamId, 2));
    hub.deliver(event(jamId, 3));
    // Delivery to the consumer is asynchronous: give a wrongly repeated event time to show up.
    Thread.sleep(300);

    assertThat(published).containsExactly(1L, 2L, 3L, 4L);
  }

  private static JamEvent event(long jamId, long seq) {
    return new JamEvent(jamId, seq, "test", OffsetDateTime.now(), new JsonObject());
  }
}

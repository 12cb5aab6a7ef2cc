package io.jamanager.flags;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.auth.Tokens;
import io.jamanager.live.BridgeRoutes;
import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.ServerTest;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FlagRoutesTest extends ServerTest {

  private static final String FLAGS = "/api/v1/flags";

  private static String host;
  private static String viewer;

  @BeforeAll
  static void start() {
    // Once per class: logins are rate limited, and the token outlives every reset.
    host = new Api(http).hostToken();
    viewer = new Tokens(app.app().vertx(), app.config().jwtKeys()).viewer(1).token();
  }

  @Test
  void anyoneReadsEveryFlag() {
    Http.Response r = http.get(FLAGS);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json()).isEqualTo(new JsonObject().put("chord_sheets", true).put("performer_signup", true)
      .put("public_jam_list", true).put("suggestions", true).put("uploads", true).put("voting", true));
  }

  @Test
  void hostSwitchesAFlagAndGetsEveryFlagBack() {
    Http.Response r = put("voting", new JsonObject().put("enabled", false), host);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getBoolean("voting")).isFalse();
    assertThat(r.json().getBoolean("suggestions")).isTrue();
    assertThat(r.json().size()).isEqualTo(6);
    assertThat(http.get(FLAGS).json().getBoolean("voting")).isFalse();

    assertThat(put("voting", new JsonObject().put("enabled", true), host).json().getBoolean("voting")).isTrue();
  }

  @Test
  void switchedFlagIsSeenInsideOtherTransactions() throws Exception {
    put("performer_signup", new JsonObject().put("enabled", false), host);
    Boolean on = app.app().pool().withTransaction(conn -> FlagRepository.enabled(conn, Flags.PERFORMER_SIGNUP))
      .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(on).isFalse();
  }

  @Test
  void changeIsBroadcastToEveryClientAfterCommit() throws Exception {
    BlockingQueue<JsonObject> heard = new LinkedBlockingQueue<>();
    MessageConsumer<String> consumer = app.app().vertx().eventBus()
      .consumer(BridgeRoutes.FLAGS_ADDRESS, m -> heard.add(new JsonObject(m.body())));
    consumer.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    try {
      put("uploads", new JsonObject().put("enabled", false), host);
      JsonObject message = heard.poll(5, TimeUnit.SECONDS);
      assertThat(message).isNotNull();
      assertThat(message.getString("type")).isEqualTo("flags.changed");
      assertThat(message.getJsonObject("data").getJsonObject("flags").getBoolean("uploads")).isFalse();
      assertThat(message.getJsonObject("data").getJsonObject("flags").getBoolean("voting")).isTrue();
    } finally {
      consumer.unregister();
    }
  }

  @Test
  void refusedChangeIsNotBroadcast() throws Exception {
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    MessageConsumer<String> consumer = app.app().vertx().eventBus()
      .consumer(BridgeRoutes.FLAGS_ADDRESS, m -> heard.add(m.body()));
    consumer.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    try {
      assertThat(put("no_such_flag", new JsonObject().put("enabled", false), host).status()).isEqualTo(404);
      assertThat(put("voting", new JsonObject().put("enabled", false), viewer).status()).isEqualTo(403);
      assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).isNull();
    } finally {
      consumer.unregister();
    }
  }

  @Test
  void unknownFlagIs404AndCreatesNothing() {
    Http.Response r = put("free_beer", new JsonObject().put("enabled", true), host);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().getString("error")).isEqualTo("not_found");
    assertThat(http.get(FLAGS).json().containsKey("free_beer")).isFalse();
  }

  @Test
  void enabledMustBeABoolean() {
    for (Object value : new Object[] {"false", 0, null}) {
      Http.Response r = put("voting", new JsonObject().put("enabled", value), host);
      assertThat(r.status()).as(String.valueOf(value)).isEqualTo(400);
      assertThat(r.json().getString("field")).isEqualTo("enabled");
    }
    assertThat(http.get(FLAGS).json().getBoolean("voting")).isTrue();
  }

  @Test
  void onlyTheHostSwitchesFlags() {
    JsonObject off = new JsonObject().put("enabled", false);
    assertThat(put("voting", off, null).status()).isEqualTo(401);
    assertThat(put("voting", off, "garbage").status()).isEqualTo(401);
    Http.Response r = put("voting", off, viewer);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("error")).isEqualTo("host_only");
    assertThat(http.get(FLAGS).json().getBoolean("voting")).isTrue();
  }

  private static Http.Response put(String flag, JsonObject body, String token) {
    return http.send("PUT", FLAGS + "/" + flag, body, token);
  }
}

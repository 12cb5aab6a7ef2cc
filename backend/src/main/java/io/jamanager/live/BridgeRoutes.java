package io.jamanager.live;

import io.jamanager.auth.Access;
import io.jamanager.http.ApiRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SockJS event-bus bridge at /eventbus. Clients may only listen: every REGISTER must carry a token
 * for that jam in its headers ({@code {"Authorization": "Bearer …"}}); sending and publishing are refused.
 */
public final class BridgeRoutes implements ApiRoutes {

  public static final String FLAGS_ADDRESS = "flags";
  private static final Pattern JAM_ADDRESS = Pattern.compile("jam\\.([1-9][0-9]{0,17})(\\.host)?");

  private final Vertx vertx;
  private final Access access;
  private final LiveHub hub;

  public BridgeRoutes(Vertx vertx, Access access, LiveHub hub) {
    this.vertx = vertx;
    this.access = access;
    this.hub = hub;
  }

  @Override
  public void mount(Router router) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .addOutboundPermitted(new PermittedOptions().setAddressRegex(JAM_ADDRESS.pattern()))
      .addOutboundPermitted(new PermittedOptions().setAddress(FLAGS_ADDRESS));
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(options, this::onBridgeEvent));
  }

  private void onBridgeEvent(BridgeEvent be) {
    switch (be.type()) {
      case REGISTER -> authorizeRegister(be);
      case SEND, PUBLISH -> be.complete(false);
      default -> be.complete(true);
    }
  }

  private void authorizeRegister(BridgeEvent be) {
    JsonObject message = be.getRawMessage();
    String address = message == null ? null : message.getString("address");
    if (FLAGS_ADDRESS.equals(address)) {
      be.complete(true);
      return;
    }
    Matcher m = address == null ? null : JAM_ADDRESS.matcher(address);
    if (m == null || !m.matches()) {
      be.complete(false);
      return;
    }
    long jamId = Long.parseLong(m.group(1));
    access.mayFollow(token(message), jamId, m.group(2) != null)
      .onSuccess(p -> {
        hub.follow(jamId);
        be.complete(true);
      })
      .onFailure(err -> be.complete(false));
  }

  private static String token(JsonObject message) {
    JsonObject headers = message.getJsonObject("headers");
    String value = headers == null ? null : headers.getString("Authorization");
    if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return value.substring(7).trim();
  }
}

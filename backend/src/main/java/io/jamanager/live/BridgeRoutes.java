package io.jamanager.live;

import io.jamanager.auth.Access;
import io.jamanager.auth.Principal;
import io.jamanager.auth.Role;
import io.jamanager.cohost.CoHostRoutes;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-bus bridge at /eventbus: the wire protocol of Vert.x's SockJS bridge, which the official
 * client (@vertx/eventbus-bridge-client.js) speaks, but listen-only. Every REGISTER must carry a token
 * for that jam in its headers ({@code {"Authorization": "Bearer …"}}); SEND and PUBLISH are refused.
 *
 * <p>Not the stock bridge because of fan-out: it gives every socket its own event-bus consumer and ping
 * timer and builds and encodes each message's envelope once per socket. Here each HTTP verticle (one per
 * event loop) keeps one consumer per address for all of its sockets ({@link Subscriptions}) and builds
 * the envelope once per event (bench/RESULTS.md has both measured).
 */
public final class BridgeRoutes implements ApiRoutes {

  public static final String FLAGS_ADDRESS = "flags";
  static final int MAX_REGISTRATIONS_PER_SOCKET = 16;
  /**
   * Bytes a socket may have queued in this process before it is dropped as stuck: a hundred vote events,
   * more than a phone that merely stalls for a moment falls behind (the kernel's 64 KiB socket buffer takes
   * the first part of any backlog), while 400 stuck sockets hold at most 12.5 MiB between them (at 128 KiB
   * they took the server past 256 MB RSS in bench/faults/slow-clients.sh).
   */
  static final long MAX_PENDING_BYTES = 32 * 1024;
  private static final Pattern JAM_ADDRESS = Pattern.compile("jam\\.([1-9][0-9]{0,17})(\\.host)?");
  private static final Logger LOG = LoggerFactory.getLogger(BridgeRoutes.class);

  private final Vertx vertx;
  private final Access access;
  private final LiveHub hub;
  /** A socket that sends nothing, not even a ping, for this long is closed (LIVE_PING_TIMEOUT_SECONDS). */
  private final long pingTimeoutMs;
  private final BridgeMetrics metrics;

  public BridgeRoutes(Vertx vertx, Access access, LiveHub hub, long pingTimeoutMs) {
    this.vertx = vertx;
    this.access = access;
    this.hub = hub;
    this.pingTimeoutMs = pingTimeoutMs;
    this.metrics = BridgeMetrics.create();
  }

  /** Called once per HTTP verticle, on its event loop: its sockets and subscriptions stay there. */
  @Override
  public void mount(Router router) {
    Subscriptions subscriptions = new Subscriptions(vertx, pingTimeoutMs, MAX_PENDING_BYTES, metrics);
    Map<Long, Set<SockJSSocket>> cohostSockets = new HashMap<>();
    // A revoked co-host must stop hearing the jam at once, not at its next reconnect (when its REGISTER is refused).
    vertx.eventBus().<String>consumer(CoHostRoutes.REVOKED_ADDRESS, message -> {
      long linkId = new JsonObject(message.body()).getJsonObject("data").getLong("cohostId");
      Set<SockJSSocket> sockets = cohostSockets.remove(linkId);
      if (sockets != null) {
        List.copyOf(sockets).forEach(SockJSSocket::close);
      }
    });
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx)
      .socketHandler(socket -> new Client(socket, subscriptions, cohostSockets, Vertx.currentContext()).start()));
  }

  /** One browser's socket and what it listens to. */
  private final class Client {
    private final SockJSSocket socket;
    private final Subscriptions subscriptions;
    /** This verticle's sockets by the co-host link their token came from. */
    private final Map<Long, Set<SockJSSocket>> cohostSockets;
    private final Context context;
    private Long cohostId;

    Client(SockJSSocket socket, Subscriptions subscriptions, Map<Long, Set<SockJSSocket>> cohostSockets, Context context) {
      this.socket = socket;
      this.subscriptions = subscriptions;
      this.cohostSockets = cohostSockets;
      this.context = context;
    }

    void start() {
      subscriptions.opened(socket);
      socket.handler(this::onFrame);
      socket.endHandler(v -> {
        subscriptions.closed(socket);
        forgetCoHost();
      });
      // A peer gone mid-write (Wi-Fi lost, or a stuck socket this server dropped) is routine: without a
      // handler each one is logged as an ERROR with a stack trace, hundreds at once after a venue's Wi-Fi blip.
      socket.exceptionHandler(err -> LOG.debug("bridge socket failed: {}", err.toString()));
    }

    private void onFrame(Buffer data) {
      subscriptions.heard(socket);
      JsonObject message;
      String type;
      try {
        message = data.toJsonObject();
        type = message.getString("type");
      } catch (DecodeException | ClassCastException e) {
        replyError("invalid_json");
        return;
      }
      if (type == null) {
        replyError("missing_type");
        return;
      }
      switch (type) {
        // Heard above; no answer, as from the stock bridge (the official client has no handler for one).
        case "ping" -> { }
        case "register" -> register(message);
        case "unregister" -> subscriptions.unsubscribe(address(message), socket);
        case "send", "publish" -> replyError("rejected");
        default -> replyError("invalid_type");
      }
    }

    private void register(JsonObject message) {
      String address = address(message);
      if (FLAGS_ADDRESS.equals(address)) {
        subscribe(address);
        return;
      }
      Matcher m = address == null ? null : JAM_ADDRESS.matcher(address);
      if (m == null || !m.matches()) {
        replyError("rejected");
        return;
      }
      long jamId = Long.parseLong(m.group(1));
      access.mayFollow(token(message), jamId, m.group(2) != null).onComplete(ar -> onContext(() -> {
        if (ar.failed() && ar.cause() instanceof ApiError) {
          replyError("rejected");
          return;
        }
        if (ar.failed()) {
          // The token could not be checked just now (the database away or swamped by a reconnect storm).
          // A refusal would make the client give up live updates; a close makes it reconnect with backoff
          // and register again.
          socket.close();
          return;
        }
        Principal p = ar.result();
        if (p.role() == Role.COHOST) {
          cohostId = p.cohost().id();
          cohostSockets.computeIfAbsent(cohostId, id -> new HashSet<>()).add(socket);
        }
        hub.follow(jamId);
        subscribe(address);
      }));
    }

    private void forgetCoHost() {
      Set<SockJSSocket> sockets = cohostId == null ? null : cohostSockets.get(cohostId);
      if (sockets != null) {
        sockets.remove(socket);
        if (sockets.isEmpty()) {
          cohostSockets.remove(cohostId);
        }
      }
    }

    private void subscribe(String address) {
      if (!subscriptions.subscribe(address, socket, MAX_REGISTRATIONS_PER_SOCKET)) {
        replyError("max_handlers_reached");
      }
    }

    /** Subscriptions are touched only on this verticle's event loop; a token check may finish elsewhere. */
    private void onContext(Runnable action) {
      if (Vertx.currentContext() == context) {
        action.run();
      } else {
        context.runOnContext(v -> action.run());
      }
    }

    private void replyError(String error) {
      socket.write(new JsonObject().put("type", "err").put("body", error).encode());
    }
  }

  private static String address(JsonObject message) {
    Object address = message.getValue("address");
    return address instanceof String s ? s : null;
  }

  private static String token(JsonObject message) {
    Object headers = message.getValue("headers");
    Object value = headers instanceof JsonObject h ? h.getValue("Authorization") : null;
    if (!(value instanceof String s) || !s.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return s.substring(7).trim();
  }
}

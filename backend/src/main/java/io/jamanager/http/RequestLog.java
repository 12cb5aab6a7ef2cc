package io.jamanager.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** One log line per request, tied together by a request id that is honoured from X-Request-Id or generated. */
public final class RequestLog implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Logger LOG = LoggerFactory.getLogger("http");

  public static String requestId(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }

  /** UUID-shaped; it only needs to be unique, not secret, so no SecureRandom (a lock on every request). */
  private static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SAFE_ID.matcher(given).matches() ? given : newId();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.addEndHandler(done -> {
      String path = ctx.request().path();
      // Probes and scrapes arrive every few seconds; they would drown the lines people read.
      Level level = path.startsWith("/health") || path.equals("/metrics") ? Level.DEBUG : Level.INFO;
      double ms = (System.nanoTime() - start) / 1_000_000.0;
      int status = ctx.response().getStatusCode();
      LOG.atLevel(level)
        .addKeyValue("method", ctx.request().method().name())
        .addKeyValue("path", path)
        .addKeyValue("status", status)
        .addKeyValue("ms", Math.round(ms * 10) / 10.0)
        .addKeyValue("requestId", id)
        .log("{} {} {} {}ms rid={}", ctx.request().method(), path, status, String.format("%.1f", ms), id);
    });
    ctx.next();
  }
}

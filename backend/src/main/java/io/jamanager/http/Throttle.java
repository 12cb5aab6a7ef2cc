package io.jamanager.http;

import io.jamanager.auth.Access;
import io.jamanager.auth.Principal;
import io.jamanager.config.AppConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Rate-limit guards: per client address for the API, logins and joins; per attendee for writes. */
public final class Throttle {

  private final RateLimiter limiter;
  private final ClientIp clientIp;
  private final AppConfig.RateLimits limits;

  public Throttle(RateLimiter limiter, ClientIp clientIp, AppConfig.RateLimits limits) {
    this.limiter = limiter;
    this.clientIp = clientIp;
    this.limits = limits;
  }

  public Handler<RoutingContext> general() {
    return ctx -> check(ctx, "ip:" + clientIp.of(ctx), limits.general(), "Too many requests from your network");
  }

  public Handler<RoutingContext> login() {
    return ctx -> check(ctx, "ip:" + clientIp.of(ctx), limits.login(), "Too many login attempts");
  }

  public Handler<RoutingContext> join() {
    return ctx -> check(ctx, "ip:" + clientIp.of(ctx), limits.join(), "Too many people joined from your network just now");
  }

  /** Per attendee, after an access guard; the host is not limited here. */
  public Handler<RoutingContext> write() {
    return ctx -> {
      Principal p = Access.principal(ctx);
      if (p == null || p.attendeeId() == null) {
        ctx.next();
        return;
      }
      check(ctx, "attendee:" + p.attendeeId(), limits.write(), "You are going a bit fast");
    };
  }

  /** Drops state for clients that have gone quiet. */
  public void sweep() {
    List<RateLimiter.Limit> all = new java.util.ArrayList<>();
    all.addAll(limits.login());
    all.addAll(limits.join());
    all.addAll(limits.write());
    all.addAll(limits.general());
    limiter.sweep(all.toArray(RateLimiter.Limit[]::new));
  }

  private void check(RoutingContext ctx, String key, List<RateLimiter.Limit> windows, String message) {
    long wait = limiter.acquire(key, windows.toArray(RateLimiter.Limit[]::new));
    if (wait == 0) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Retry-After", String.valueOf(wait));
    ctx.fail(new ApiError(429, "rate_limited", message + "; try again in " + wait + " s"));
  }
}

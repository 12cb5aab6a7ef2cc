package io.jamanager.auth;

import io.jamanager.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/**
 * Route guards. Each verifies the bearer token, checks it against the jam in the path and stores the
 * {@link Principal} for the handler: {@code router.post(…).handler(access.attendee()).handler(this::vote)}.
 */
public final class Access {

  public static final String JAM_PARAM = "jamId";
  private static final String PRINCIPAL = "principal";

  private final Tokens tokens;
  private final TokenStatusRepository tokenStatus;

  public Access(Tokens tokens, Pool pool) {
    this.tokens = tokens;
    this.tokenStatus = new TokenStatusRepository(pool);
  }

  public Tokens tokens() {
    return tokens;
  }

  public static Principal principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  /** The numeric jam id in the path; a malformed one names no jam. */
  public static long jamId(RoutingContext ctx) {
    return longParam(ctx, JAM_PARAM, "Jam");
  }

  public static long longParam(RoutingContext ctx, String name, String what) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to the 404 below
    }
    throw ApiError.notFound(what);
  }

  /** The host, in any jam. */
  public Handler<RoutingContext> host() {
    return ctx -> guard(ctx, p -> p.isHost() ? stillValid(p)
      : Future.failedFuture(ApiError.forbidden("host_only", "Only the host can do this")));
  }

  /** The host, or a co-host of the jam in the path: running its queue and now-playing. */
  public Handler<RoutingContext> runner() {
    return ctx -> guard(ctx, p -> p.runs(jamId(ctx)) ? stillValid(p) : Future.failedFuture(p.role() == Role.COHOST
      ? ApiError.forbidden("wrong_jam", "This co-host link is for another jam")
      : ApiError.forbidden("host_only", "Only the host or a co-host of this jam can do this")));
  }

  /** Ends every host session: access tokens issued until now stop working at once. */
  public Future<Void> revokeHostTokens() {
    return tokenStatus.revokeHostTokens();
  }

  /** Anyone holding a token for the jam in the path (viewer, stage, its attendees, the host). */
  public Handler<RoutingContext> reader() {
    return ctx -> guard(ctx, p -> p.canRead(jamId(ctx)) ? stillValid(p)
      : Future.failedFuture(ApiError.forbidden("wrong_jam", "This token is for another jam")));
  }

  /** An attendee of the jam in the path who has not been removed or banned. */
  public Handler<RoutingContext> attendee() {
    return ctx -> guard(ctx, p -> p.isAttendeeOf(jamId(ctx)) ? stillValid(p) : Future.failedFuture(notAttendee(p)));
  }

  /** An attendee of the jam in the path, the host, or a co-host of the jam. */
  public Handler<RoutingContext> participant() {
    return ctx -> guard(ctx, p -> p.runs(jamId(ctx)) || p.isAttendeeOf(jamId(ctx)) ? stillValid(p)
      : Future.failedFuture(notAttendee(p)));
  }

  /** Reads a token when one is sent and is still valid; never refuses. */
  public Handler<RoutingContext> optional() {
    return ctx -> {
      String token = bearer(ctx);
      if (token == null) {
        ctx.next();
        return;
      }
      tokens.verify(token)
        .compose(p -> stillValid(p).map(v -> p))
        .onSuccess(p -> ctx.put(PRINCIPAL, p))
        .onComplete(ar -> ctx.next());
    };
  }

  /**
   * Verifies a raw token for the live bridge: may it follow this jam? The host console's address needs the host
   * or a co-host of that jam.
   */
  public Future<Principal> mayFollow(String token, long jamId, boolean hostAddress) {
    if (token == null) {
      return Future.failedFuture(ApiError.unauthorized("Sign in first"));
    }
    return tokens.verify(token)
      .recover(err -> Future.failedFuture(ApiError.unauthorized("The token is invalid or expired")))
      .compose(p -> {
        if (hostAddress ? !p.runs(jamId) : !p.canRead(jamId)) {
          return Future.failedFuture(ApiError.forbidden("forbidden", "This token may not follow this address"));
        }
        return stillValid(p).map(v -> p);
      });
  }

  private void guard(RoutingContext ctx, java.util.function.Function<Principal, Future<?>> rule) {
    String token = bearer(ctx);
    if (token == null) {
      ctx.fail(ApiError.unauthorized("Sign in first: this needs a token"));
      return;
    }
    tokens.verify(token)
      .recover(err -> Future.failedFuture(new ApiError(401, "invalid_token", "The token is invalid or expired")))
      .compose(p -> {
        ctx.put(PRINCIPAL, p);
        try {
          return rule.apply(p);
        } catch (ApiError e) {
          return Future.failedFuture(e);
        }
      })
      .onSuccess(v -> ctx.next())
      .onFailure(ctx::fail);
  }

  /**
   * Attendees must still be in the jam, co-hosts' links neither revoked nor expired; hosts must not have been
   * logged out everywhere since the token.
   */
  private Future<Void> stillValid(Principal p) {
    if (p.isHost()) {
      return tokenStatus.hostTokensRevokedUpTo().compose(revoked -> p.issuedAt() > revoked ? Future.succeededFuture()
        : Future.failedFuture(new ApiError(401, "session_revoked", "This host session was ended; log in again")));
    }
    if (p.role() == Role.COHOST) {
      return tokenStatus.cohostActive(p.jamId(), p.cohost().id()).compose(active -> active ? Future.succeededFuture()
        : Future.failedFuture(new ApiError(401, "cohost_revoked",
          "This co-host link was revoked or has expired; ask the host for a new one")));
    }
    if (p.role() != Role.ATTENDEE) {
      return Future.succeededFuture();
    }
    return tokenStatus.status(p.jamId(), p.attendeeId()).compose(status -> switch (status) {
      case ACTIVE -> Future.succeededFuture();
      case BANNED -> Future.failedFuture(ApiError.forbidden("banned", "You have been removed from this jam by the host"));
      case GONE -> Future.failedFuture(new ApiError(401, "invalid_token", "You are no longer part of this jam; join again"));
    });
  }

  private static ApiError notAttendee(Principal p) {
    return p.role() == Role.ATTENDEE
      ? ApiError.forbidden("wrong_jam", "This token is for another jam")
      : ApiError.forbidden("attendees_only", "Join the jam first");
  }

  private static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}

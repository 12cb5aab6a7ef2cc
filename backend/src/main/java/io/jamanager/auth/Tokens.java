package io.jamanager.auth;

import io.jamanager.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Issues and verifies JWTs. Signs with the newest key only and verifies with every configured key,
 * so adding a key and later removing the old one rotates secrets without logging anyone out.
 */
public final class Tokens {

  static final String ALGORITHM = "HS256";
  /** Short: a leaked host token is worth little; the refresh cookie keeps the host signed in. */
  public static final Duration HOST_LIFETIME = Duration.ofMinutes(15);
  public static final Duration ATTENDEE_LIFETIME = Duration.ofDays(2);
  public static final Duration VIEWER_LIFETIME = Duration.ofDays(1);
  public static final Duration STAGE_LIFETIME = Duration.ofDays(7);

  /** A signed token and the moment it stops working. */
  public record Issued(String token, Instant expiresAt) {
  }

  private final JWTAuth signer;
  private final JWTAuth verifier;

  public Tokens(Vertx vertx, List<AppConfig.JwtKey> keys) {
    this.signer = JWTAuth.create(vertx, options(keys.subList(0, 1)));
    this.verifier = JWTAuth.create(vertx, options(keys));
  }

  public Issued host() {
    return issue(new JsonObject().put("role", Role.HOST.claim()).put("sub", "host"), HOST_LIFETIME);
  }

  public Issued attendee(long jamId, long attendeeId) {
    return issue(new JsonObject().put("role", Role.ATTENDEE.claim()).put("jam", jamId).put("sub", String.valueOf(attendeeId)),
      ATTENDEE_LIFETIME);
  }

  public Issued viewer(long jamId) {
    return issue(new JsonObject().put("role", Role.VIEWER.claim()).put("jam", jamId).put("sub", "viewer"), VIEWER_LIFETIME);
  }

  public Issued stage(long jamId) {
    return issue(new JsonObject().put("role", Role.STAGE.claim()).put("jam", jamId).put("sub", "stage"), STAGE_LIFETIME);
  }

  /** Lives as long as its link; revoking the link refuses it at once (checked on every use). */
  public Issued cohost(long jamId, long linkId, String name, Instant linkExpires) {
    long seconds = Math.max(1, Duration.between(Instant.now(), linkExpires).toSeconds());
    return issue(new JsonObject().put("role", Role.COHOST.claim()).put("jam", jamId).put("sub", String.valueOf(linkId))
      .put("name", name), Duration.ofSeconds(seconds));
  }

  /** Verifies signature, key id and expiry; fails for anything else, including a token naming no known role. */
  public Future<Principal> verify(String token) {
    return verifier.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.principal();
      Role role = Role.fromClaim(claims.getString("role"));
      if (role == null) {
        return Future.failedFuture("token has no known role");
      }
      Long jam = claims.getValue("jam") instanceof Number n ? n.longValue() : null;
      if (role != Role.HOST && jam == null) {
        return Future.failedFuture("token names no jam");
      }
      Long attendee = null;
      if (role == Role.ATTENDEE) {
        try {
          attendee = Long.parseLong(claims.getString("sub", ""));
        } catch (NumberFormatException e) {
          return Future.failedFuture("attendee token without attendee");
        }
      }
      Principal.CoHost cohost = null;
      if (role == Role.COHOST) {
        try {
          cohost = new Principal.CoHost(Long.parseLong(claims.getString("sub", "")), claims.getString("name", ""));
        } catch (NumberFormatException | ClassCastException e) {
          return Future.failedFuture("co-host token without its link");
        }
      }
      // Vert.x keeps the standard claims (iat, exp) in the user's attributes, not in its principal.
      long issuedAt = user.attributes().getLong("iat", 0L);
      return Future.succeededFuture(new Principal(role, role == Role.HOST ? null : jam, attendee, cohost, issuedAt));
    });
  }

  private Issued issue(JsonObject claims, Duration lifetime) {
    String token = signer.generateToken(claims, new JWTOptions().setAlgorithm(ALGORITHM)
      .setExpiresInSeconds((int) lifetime.toSeconds()));
    return new Issued(token, Instant.now().plus(lifetime));
  }

  private static JWTAuthOptions options(List<AppConfig.JwtKey> keys) {
    JWTAuthOptions options = new JWTAuthOptions();
    for (AppConfig.JwtKey key : keys) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(key.secret()).setId(key.kid()));
    }
    return options;
  }
}

package io.jamanager.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/** Host refresh tokens: random, stored as SHA-256 only, single use, grouped in families per login. */
final class RefreshTokenRepository {

  static final Duration LIFETIME = Duration.ofDays(30);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String INSERT =
    "insert into refresh_token (id, family, token_hash, expires_at) values ($1, $2, $3, $4)";
  private static final String FIND = """
    select id, family, used_at, revoked_at, expires_at from refresh_token where token_hash = $1 for update""";
  private static final String USE = "update refresh_token set used_at = now() where id = $1";
  private static final String REVOKE_FAMILY =
    "update refresh_token set revoked_at = now() where family = $1 and revoked_at is null";
  private static final String REVOKE_ALL = "update refresh_token set revoked_at = now() where revoked_at is null";

  /** What presenting a refresh token led to. */
  sealed interface Outcome permits Rotated, Refused {
  }

  record Rotated(String token) implements Outcome {
  }

  /** {@code reused}: the token had been used before, so its whole family is now revoked. */
  record Refused(boolean reused) implements Outcome {
  }

  private final Pool pool;

  RefreshTokenRepository(Pool pool) {
    this.pool = pool;
  }

  Future<String> issue() {
    return insert(pool, UUID.randomUUID());
  }

  Future<Outcome> rotate(String token) {
    return pool.withTransaction(tx -> tx.preparedQuery(FIND).execute(Tuple.of(hash(token))).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(new Refused(false));
      }
      Row r = rows.iterator().next();
      UUID family = r.getUUID(1);
      if (r.getValue(3) != null || r.getOffsetDateTime(4).isBefore(OffsetDateTime.now())) {
        return Future.succeededFuture(new Refused(false));
      }
      if (r.getValue(2) != null) {
        return tx.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(family)).map(v -> new Refused(true));
      }
      return tx.preparedQuery(USE).execute(Tuple.of(r.getUUID(0)))
        .compose(v -> insert(tx, family))
        .map(Rotated::new);
    }));
  }

  /** Ends the login this token belongs to; unknown tokens are ignored. */
  Future<Void> revokeFamilyOf(String token) {
    return pool.preparedQuery("update refresh_token set revoked_at = now() where revoked_at is null and family = "
      + "(select family from refresh_token where token_hash = $1)").execute(Tuple.of(hash(token))).mapEmpty();
  }

  Future<Void> revokeAll() {
    return pool.query(REVOKE_ALL).execute().mapEmpty();
  }

  private static Future<String> insert(io.vertx.sqlclient.SqlClient client, UUID family) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(LIFETIME);
    return client.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), family, hash(token), expires)).map(token);
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

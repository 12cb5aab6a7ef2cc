package io.jamanager.cohost;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Co-host links: random codes stored as SHA-256 only, one jam each, expiring and revocable. */
final class CoHostRepository {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = """
    id, jam_id, name, created_at, expires_at, revoked_at, redeemed_at,
    case when revoked_at is not null then 'revoked' when expires_at <= now() then 'expired' else 'active' end""";
  private static final String JAM_STATUS = "select status from jam where id = $1";
  private static final String INSERT = "insert into cohost_link (jam_id, name, code_hash, expires_at)"
    + " values ($1, $2, $3, now() + make_interval(hours => $4)) returning " + COLUMNS;
  private static final String LIST = "select " + COLUMNS + " from cohost_link where jam_id = $1 order by id desc";
  private static final String REVOKE = "update cohost_link set revoked_at = coalesce(revoked_at, now())"
    + " where id = $1 and jam_id = $2 returning " + COLUMNS;
  private static final String REDEEM = """
    update cohost_link l set redeemed_at = case when l.revoked_at is null and l.expires_at > now() then now()
      else l.redeemed_at end
    from jam j where l.code_hash = $1 and j.id = l.jam_id
    returning l.id, l.jam_id, l.name, l.created_at, l.expires_at, l.revoked_at, l.redeemed_at,
      case when l.revoked_at is not null then 'revoked' when l.expires_at <= now() then 'expired' else 'active' end,
      j.slug""";

  /** A link as the host sees it. {@code status} is active, expired or revoked. */
  record Link(long id, long jamId, String name, String createdAt, String expiresAt, String revokedAt, String redeemedAt,
              String status) {

    boolean active() {
      return status.equals("active");
    }

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("jamId", jamId).put("name", name).put("createdAt", createdAt)
        .put("expiresAt", expiresAt).put("revokedAt", revokedAt).put("redeemedAt", redeemedAt).put("status", status);
    }

    static Link from(Row r) {
      return new Link(r.getLong(0), r.getLong(1), r.getString(2), text(r, 3), text(r, 4), text(r, 5), text(r, 6),
        r.getString(7));
    }

    private static String text(Row r, int column) {
      return r.getOffsetDateTime(column) == null ? null : r.getOffsetDateTime(column).toInstant().toString();
    }
  }

  /** A new link and the code that opens it: the code exists only in this answer, never in the database. */
  record Created(Link link, String code) {
  }

  /** The link a code names and its jam's slug. */
  record Redeemed(Link link, String slug) {
  }

  private final Pool pool;

  CoHostRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** The jam's status (scheduled, live, ended), or null when there is no such jam. */
  Future<String> jamStatus(long jamId) {
    return pool.preparedQuery(JAM_STATUS).execute(Tuple.of(jamId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  static Future<Created> create(SqlClient tx, long jamId, String name, int hours) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return tx.preparedQuery(INSERT).execute(Tuple.of(jamId, name, hash(code), hours))
      .map(rows -> new Created(Link.from(rows.iterator().next()), code));
  }

  Future<JsonArray> list(long jamId) {
    return pool.preparedQuery(LIST).execute(Tuple.of(jamId)).map(rows -> {
      JsonArray links = new JsonArray();
      rows.forEach(r -> links.add(Link.from(r).toJson()));
      return links;
    });
  }

  /** Revokes the link (again is fine); null when this jam has no such link. */
  static Future<Link> revoke(SqlClient tx, long jamId, long linkId) {
    return tx.preparedQuery(REVOKE).execute(Tuple.of(linkId, jamId))
      .map(rows -> rows.size() == 0 ? null : Link.from(rows.iterator().next()));
  }

  /** The link this code opens, marked as used when it is still active; null for a code that names none. */
  static Future<Redeemed> redeem(SqlClient tx, String code) {
    return tx.preparedQuery(REDEEM).execute(Tuple.of(hash(code))).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Redeemed(Link.from(r), r.getString(8));
    });
  }

  private static String hash(String code) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

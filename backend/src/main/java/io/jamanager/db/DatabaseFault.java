package io.jamanager.db;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * A failure that says the database is away or refuses writes, rather than that our code is wrong: these
 * pass without us, so they are answered 503 with a code the client can act on instead of 500.
 */
public enum DatabaseFault {

  /** It cannot be reached, is shutting down or starting, or has no connection slot left. */
  UNAVAILABLE("database_unavailable", "The database is unreachable; try again in a moment"),
  /** It answers but refuses writes: a read-only server or a full disk. Reads keep working. */
  READ_ONLY("database_read_only", "The database accepts no changes right now; try again in a moment");

  /**
   * What vertx-sql-client 5.0 fails with when no connection comes within the pool's connection timeout, and
   * when a connection is lost with requests still queued on it; both are plain VertxExceptions, told apart
   * only by their message.
   */
  private static final Set<String> POOL_MESSAGES = Set.of(
    "Timeout waiting for connection",
    // The pool's own request timing out in the same race (SqlConnectionPool fails it with a bare "Timeout").
    "Timeout",
    "Pending requests failed to be sent due to connection has been closed.",
    // A statement sent on a connection the database has just closed (it is shutting down).
    "Connection is not active now, current status: CLOSED");
  /** 57P01-03: shutting down (admin, crash) or not accepting connections yet; 53300: no connection slot left. */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
  /** 25006: read_only_sql_transaction (default_transaction_read_only, a hot standby); 53100: disk full. */
  private static final Set<String> READ_ONLY_STATES = Set.of("25006", "53100");

  private final String code;
  private final String message;

  DatabaseFault(String code, String message) {
    this.code = code;
    this.message = message;
  }

  /** The error code clients see. */
  public String code() {
    return code;
  }

  public String message() {
    return message;
  }

  /** The fault this failure (or any of its causes) stands for, if it is one. */
  public static Optional<DatabaseFault> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      DatabaseFault fault = single(t);
      if (fault != null) {
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  private static DatabaseFault single(Throwable t) {
    if (t instanceof PgException pg) {
      String state = pg.getSqlState();
      if (state == null) {
        return null;
      }
      if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
        return UNAVAILABLE;
      }
      return READ_ONLY_STATES.contains(state) ? READ_ONLY : null;
    }
    // SocketException: the connection reset under a statement in flight (a fast or immediate shutdown);
    // ConnectException is one too.
    if (t instanceof ClosedConnectionException || t instanceof SocketException
      || t instanceof ConnectTimeoutException || t instanceof SSLException
      || t instanceof ConnectionPoolTooBusyException) {
      return UNAVAILABLE;
    }
    return t instanceof VertxException && POOL_MESSAGES.contains(t.getMessage()) ? UNAVAILABLE : null;
  }
}

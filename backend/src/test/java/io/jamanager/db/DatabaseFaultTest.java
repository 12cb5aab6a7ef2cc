package io.jamanager.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What vertx-pg-client 5.0 was seen to fail with (see DatabaseOutageTest), and what must stay a bug. */
class DatabaseFaultTest {

  @Test
  void aDatabaseThatIsAwayIsUnavailable() {
    assertThat(DatabaseFault.of(new VertxException("Connection refused: db/10.0.0.5:5432",
      new ConnectException("Connection refused")))).contains(DatabaseFault.UNAVAILABLE);
    assertThat(DatabaseFault.of(ClosedConnectionException.INSTANCE)).contains(DatabaseFault.UNAVAILABLE);
    assertThat(DatabaseFault.of(new VertxException("Timeout waiting for connection", true)))
      .contains(DatabaseFault.UNAVAILABLE);
    assertThat(DatabaseFault.of(new NoStackTraceThrowable("Timeout")))
      .contains(DatabaseFault.UNAVAILABLE);
    assertThat(DatabaseFault.of(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size")))
      .contains(DatabaseFault.UNAVAILABLE);
    assertThat(DatabaseFault.of(new ConnectTimeoutException("connection timed out"))).contains(DatabaseFault.UNAVAILABLE);
    assertThat(DatabaseFault.of(new SSLHandshakeException("no cipher suites"))).contains(DatabaseFault.UNAVAILABLE);
    for (String state : new String[] {"08006", "08P01", "57P01", "57P02", "57P03", "53300"}) {
      assertThat(DatabaseFault.of(pg(state))).as(state).contains(DatabaseFault.UNAVAILABLE);
    }
  }

  @Test
  void aStatementCutOffByAShutdownIsTheDatabaseBeingAway() {
    // What votes in flight failed with when bench/faults/db-outage.sh stopped PostgreSQL (fast and immediate).
    assertThat(DatabaseFault.of(new SocketException("Connection reset"))).contains(DatabaseFault.UNAVAILABLE);
    assertThat(DatabaseFault.of(new VertxException("Connection is not active now, current status: CLOSED", true)))
      .contains(DatabaseFault.UNAVAILABLE);
  }

  @Test
  void aDatabaseThatRefusesWritesIsReadOnly() {
    assertThat(DatabaseFault.of(pg("25006"))).contains(DatabaseFault.READ_ONLY);
    assertThat(DatabaseFault.of(pg("53100"))).contains(DatabaseFault.READ_ONLY);
  }

  @Test
  void ourOwnMistakesAreNoDatabaseFault() {
    assertThat(DatabaseFault.of(pg("42P01"))).as("relation does not exist").isEmpty();
    assertThat(DatabaseFault.of(pg("23505"))).isEmpty();
    assertThat(DatabaseFault.of(new VertxException("Something else", true))).isEmpty();
    assertThat(DatabaseFault.of(new IllegalStateException("bug"))).isEmpty();
  }

  private static PgException pg(String state) {
    return new PgException("message", "ERROR", state, null);
  }
}

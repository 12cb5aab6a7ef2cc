package io.jamanager.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class DatabaseFaultTest {

  @Test
  void aStatementCutOffByAShutdownIsTheDatabaseBeingAway() {
    // What a vote in flight failed with when bench/faults/db-outage.sh stopped PostgreSQL (fast and immediate).
    assertThat(DatabaseFault.of(new SocketException("Connection reset"))).contains(DatabaseFault.UNAVAILABLE);
    assertThat(DatabaseFault.of(new VertxException("Connection is not active now, current status: CLOSED", true)))
      .contains(DatabaseFault.UNAVAILABLE);
  }

  @Test
  void otherFailuresAreOurs() {
    assertThat(DatabaseFault.of(new IllegalStateException("bug"))).isEmpty();
    assertThat(DatabaseFault.of(new VertxException("something else", true))).isEmpty();
  }
}

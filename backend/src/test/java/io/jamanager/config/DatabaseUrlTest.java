package io.jamanager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void herokuFormWithSslRequireTrustsThePlatformCertificate() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://u1:p%40ss%2Fw0rd@ec2-1-2-3-4.compute.amazonaws.com:5432/d9x?sslmode=require");
    assertThat(url).isEqualTo(new DatabaseUrl("ec2-1-2-3-4.compute.amazonaws.com", 5432, "d9x", "u1", "p@ss/w0rd", "require"));
    PgConnectOptions options = url.connectOptions();
    assertThat(options.getSslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(options.getSslOptions().isTrustAll()).isTrue();
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://ec2-1-2-3-4.compute.amazonaws.com:5432/d9x?sslmode=require");
  }

  @Test
  void flyFormWithPostgresqlSchemeAndDefaultPort() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://jam:secret@jam-db.flycast/jam?sslmode=disable");
    assertThat(url.port()).isEqualTo(5432);
    assertThat(url.host()).isEqualTo("jam-db.flycast");
    assertThat(url.sslMode()).isEqualTo("disable");
    assertThat(url.connectOptions().getSslMode()).isEqualTo(SslMode.DISABLE);
  }

  @Test
  void passwordIsMaskedForDisplay() {
    assertThat(DatabaseUrl.parse("postgres://a:b@h:1/d").masked()).isEqualTo("postgres://a:***@h:1/d?sslmode=require");
  }

  @Test
  void herokuUrlWithoutSslmodeRequiresSsl() {
    // Heroku's DATABASE_URL as the add-on sets it: no query string at all.
    DatabaseUrl url = DatabaseUrl.parse("postgres://u1:pw@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9x");
    assertThat(url.sslMode()).isEqualTo("require");
    assertThat(url.connectOptions().getSslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(url.connectOptions().getSslOptions().isTrustAll()).isTrue();
    assertThat(url.jdbcUrl()).endsWith("?sslmode=require");
    assertThat(DatabaseUrl.parse("postgres://u:p@db:5432/jam?application_name=x").sslMode()).isEqualTo("require");
  }

  @Test
  void loopbackUrlWithoutSslmodeStaysPlain() {
    for (String host : new String[] {"localhost", "127.0.0.1", "127.3.2.1", "[::1]", "LOCALHOST", "pg.localhost"}) {
      DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@" + host + ":5432/jam");
      assertThat(url.sslMode()).as(host).isEqualTo("disable");
      assertThat(url.connectOptions().getSslMode()).as(host).isEqualTo(SslMode.DISABLE);
    }
  }

  @Test
  void anExplicitSslmodeWins() {
    assertThat(DatabaseUrl.parse("postgres://u:p@db.example.com/jam?sslmode=disable").sslMode()).isEqualTo("disable");
    assertThat(DatabaseUrl.parse("postgres://u:p@127.0.0.1/jam?sslmode=require").sslMode()).isEqualTo("require");
    assertThat(DatabaseUrl.parse("postgres://u:p@db.example.com/jam?sslmode=verify-full").sslMode()).isEqualTo("verify-full");
  }

  @Test
  void refusesWhatIsNotAPostgresUrl() {
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://h/d")).hasMessageContaining("postgres://");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://h:5432")).hasMessageContaining("no database name");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://h/d?sslmode=sometimes")).hasMessageContaining("sslmode");
  }
}

package io.jamanager.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.config.ConfigLoader;
import io.jamanager.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void migratingTwiceChangesNothing() {
    try (Database db = Database.open(ConfigLoader.load(Map.of("DATABASE_URL", TestDatabase.url())))) {
      String first = db.migrate();
      long applied = TestDatabase.count("select count(*) from flyway_schema_history");
      String second = db.migrate();
      assertThat(second).isEqualTo(first).isEqualTo(db.latestMigration()).isEqualTo(Database.SCHEMA_VERSION);
      assertThat(TestDatabase.count("select count(*) from flyway_schema_history")).isEqualTo(applied);
    }
  }
}

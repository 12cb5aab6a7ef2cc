package io.jamanager.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jamanager.config.ConfigLoader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

  @Test
  void developmentBuildCarriesTheEmbeddedBinaries() {
    assertThat(Database.hasEmbeddedPostgres(Database.class.getClassLoader())).isTrue();
  }

  @Test
  void dataFromAnotherPostgresMajorIsRefusedWithWhatToDo(@TempDir Path data) throws Exception {
    Files.createDirectories(data.resolve("postgres"));
    Files.writeString(data.resolve("postgres/PG_VERSION"), "14\n");
    assertThatThrownBy(() -> Database.open(ConfigLoader.load(Map.of("JAMANAGER_DATA_DIR", data.toString()))))
      .isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("made by PostgreSQL 14, this build embeds PostgreSQL 15")
      .hasMessageContaining("move that directory away");
  }

  @Test
  void buildWithoutTheBinariesAsksForDatabaseUrl(@TempDir Path data) throws Exception {
    try (URLClassLoader production = new URLClassLoader(new URL[0], null)) {
      assertThat(Database.hasEmbeddedPostgres(production)).isFalse();
      assertThatThrownBy(() -> Database.open(ConfigLoader.load(Map.of("JAMANAGER_DATA_DIR", data.toString())), production))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no embedded PostgreSQL")
        .hasMessageContaining("set DATABASE_URL");
    }
  }
}

package io.jamanager.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

  private static final String GOOD_SECRET = "p1:0123456789abcdef0123456789abcdef";

  private static AppConfig load(String... kv) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return ConfigLoader.load(env);
  }

  private static AppConfig production(String... extra) {
    Map<String, String> env = new HashMap<>(Map.of(
      "APP_ENV", "production",
      "DATABASE_URL", "postgres://app:pw@db.internal:5432/jam",
      "JAM_MANAGER_ACCESS_CODE", "a-long-host-code",
      "JWT_SECRETS", GOOD_SECRET,
      "PUBLIC_URL", "https://jam.example.com"));
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return ConfigLoader.load(env);
  }

  @Test
  void developmentDefaultsAreValid() {
    AppConfig config = load();
    assertThat(config.problems()).isEmpty();
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.database()).isEmpty();
    assertThat(config.jwtKeys()).hasSize(1);
    assertThat(config.jwtKeys().get(0).secret()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(config.publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(config.maxUploadBytes()).isEqualTo(10 * 1024 * 1024);
  }

  @Test
  void productionWithDefaultsListsEveryProblem() {
    AppConfig config = load("APP_ENV", "production");
    assertThat(config.valid()).isFalse();
    assertThat(config.problems()).anyMatch(p -> p.startsWith("DATABASE_URL is required"))
      .anyMatch(p -> p.contains("JAM_MANAGER_ACCESS_CODE is the development default"))
      .anyMatch(p -> p.startsWith("JWT_SECRETS is required"))
      .anyMatch(p -> p.startsWith("PUBLIC_URL is required"));
  }

  @Test
  void completeProductionConfigurationIsAccepted() {
    assertThat(production().problems()).isEmpty();
  }

  @Test
  void productionRefusesShortAccessCode() {
    assertThat(production("JAM_MANAGER_ACCESS_CODE", "short-code").problems())
      .containsExactly("JAM_MANAGER_ACCESS_CODE is shorter than 12 characters");
  }

  @Test
  void productionRefusesShortJwtSecretNamingTheKey() {
    assertThat(production("JWT_SECRETS", GOOD_SECRET + ",old:tooshort").problems())
      .containsExactly("JWT_SECRETS key 'old' is shorter than 32 bytes");
  }

  @Test
  void productionRefusesWildcardCors() {
    assertThat(production("CORS_ORIGINS", "https://a.example.com, *").problems())
      .containsExactly("CORS_ORIGINS must not allow '*' in production; list the exact origins");
  }

  @Test
  void jwtSecretsAreParsedNewestFirst() {
    AppConfig config = production("JWT_SECRETS", "new:" + "n".repeat(32) + ",old:" + "o".repeat(40));
    assertThat(config.jwtKeys()).extracting(AppConfig.JwtKey::kid).containsExactly("new", "old");
  }

  @Test
  void malformedValuesAreReportedNotThrown() {
    AppConfig config = load("PORT", "eighty", "LOG_FORMAT", "xml", "DATABASE_URL", "mysql://x/y",
      "CORS_ORIGINS", "not an origin", "APP_ENV", "staging", "MAX_UPLOAD_BYTES", "-1");
    assertThat(config.problems()).hasSize(6)
      .contains("PORT must be a whole number, not 'eighty'", "LOG_FORMAT must be text or json",
        "DATABASE_URL must start with postgres:// or postgresql://",
        "APP_ENV must be development or production, not 'staging'");
  }

  @Test
  void environmentOverridesFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jam.properties");
    Files.writeString(file, "PORT=9000\nLOG_LEVEL=debug\n");
    AppConfig config = load(ConfigLoader.CONFIG_FILE_VARIABLE, file.toString(), "LOG_LEVEL", "warn");
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.logLevel()).isEqualTo("warn");
    assertThat(config.sources().get(Setting.PORT)).isEqualTo(file.toString());
    assertThat(config.sources().get(Setting.LOG_LEVEL)).isEqualTo("environment");
  }

  @Test
  void missingNamedConfigFileIsAProblem() {
    assertThat(load(ConfigLoader.CONFIG_FILE_VARIABLE, "/no/such/file").problems())
      .containsExactly("JAMANAGER_CONFIG names /no/such/file, which is not a file");
  }

  @Test
  void describeMasksSecrets() {
    AppConfig config = production();
    String all = String.join("\n", config.describe());
    assertThat(all).doesNotContain("a-long-host-code").doesNotContain("0123456789abcdef").doesNotContain(":pw@")
      .contains("postgres://app:***@db.internal:5432/jam").contains("p1:***");
  }
}

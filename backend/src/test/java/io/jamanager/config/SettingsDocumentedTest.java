package io.jamanager.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every setting the code reads is documented in the README table and both environment templates. */
class SettingsDocumentedTest {

  private static final Path ROOT = Path.of("..");

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Setting s : Setting.values()) {
      names.add(s.name());
    }
    names.add(ConfigLoader.CONFIG_FILE_VARIABLE);
    return names;
  }

  @Test
  void readmeTableNamesEverySetting() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertThat(names()).allSatisfy(name -> assertThat(readme).as("README.md").contains("`" + name + "`"));
  }

  @Test
  void environmentTemplatesListEverySetting() throws Exception {
    for (String template : new String[] {"config/.env.example", "config/production.env.example"}) {
      String text = Files.readString(ROOT.resolve(template));
      assertThat(names()).allSatisfy(name -> assertThat(text).as(template).containsPattern("(?m)^#?\\s*" + name + "="));
    }
  }
}

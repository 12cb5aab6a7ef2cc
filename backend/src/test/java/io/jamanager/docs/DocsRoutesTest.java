package io.jamanager.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract is served as YAML and as a page that works under the CSP: no script, nothing from elsewhere. */
class DocsRoutesTest {

  private static TestApp app;
  private static Http http;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    http = new Http(app.port());
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void theDocumentIsServedAsYamlExactlyAsShipped() throws Exception {
    Http.Response r = http.get("/api/v1/openapi.yaml", new String[0]);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/yaml");
    JsonObject parsed = ApiDocument.parse(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.getString("openapi")).startsWith("3.1");
    assertThat(parsed).isEqualTo(ApiDocument.load().tree());
  }

  @Test
  void theDocsPageListsEveryOperationWithoutScriptsOrOutsideResources() {
    Http.Response r = http.get("/docs", new String[0]);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-eval");
    String html = r.body();
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("http://").doesNotContain("//cdn")
      .doesNotContainPattern("(src|href)=\"https?://").doesNotContainPattern("\\son[a-z]+=\"")
      .contains("<link rel=\"stylesheet\" href=\"/docs/docs.css\">");
    JsonObject paths = ApiDocument.load().tree().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      assertThat(html).as("the page shows %s", path).contains("<code>/api/v1" + DocsPage.esc(path) + "</code>");
    }
    assertThat(html).contains("id=\"tag-queue\"").contains("id=\"schema-QueueItem\"").contains("Live stream");
  }

  @Test
  void theStylesheetIsServedFromThisServer() {
    Http.Response r = http.get("/docs/docs.css", new String[0]);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/css");
    assertThat(r.body()).contains(".method").doesNotContain("@import").doesNotContain("url(");
  }
}

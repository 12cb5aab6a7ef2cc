package io.jamanager.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract is served as YAML and, for people, as Swagger UI from this server under the app's CSP. */
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
  void theDocsPageIsSwaggerUiUnderTheAppsContentSecurityPolicy() {
    Http.Response r = http.get(DocsRoutes.PAGE, new String[0]);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    // Scripts from this server only: no inline script, no eval.
    assertThat(r.header("Content-Security-Policy")).contains("script-src 'self';").doesNotContain("unsafe-eval");
    String html = r.body();
    assertThat(html).contains("<main id=\"docs\">").doesNotContainPattern("<script(?![^>]*\\ssrc=\"/assets/)")
      .doesNotContainPattern("(src|href)=\"(https?:)?//");

    Http.Response script = http.get(asset(html, "<script type=\"module\" crossorigin src=\""), new String[0]);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type")).startsWith("text/javascript");
    assertThat(script.body()).contains("swagger-ui").contains("/api/v1/openapi.yaml");
    Http.Response css = http.get(asset(html, "<link rel=\"stylesheet\" crossorigin href=\""), new String[0]);
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.body()).contains(".swagger-ui").doesNotContain("@import");
  }

  /** The path of the asset that follows {@code prefix} in the page. */
  private static String asset(String html, String prefix) {
    int start = html.indexOf(prefix);
    assertThat(start).as("the page links %s", prefix).isNotNegative();
    start += prefix.length();
    return html.substring(start, html.indexOf('"', start));
  }
}

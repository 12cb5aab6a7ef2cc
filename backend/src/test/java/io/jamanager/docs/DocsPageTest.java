package io.jamanager.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The page renders the document's text as text: nothing in a description becomes markup. */
class DocsPageTest {

  private static final String DOC = """
    openapi: 3.1.0
    info:
      title: "<b>T</b>"
      version: "1"
      description: |
        Hello `<img src=x onerror=alert(1)>` and <script>alert(2)</script>.

        - a list item with `code`
        ## A heading
        ```
        {"type": "register"}
        ```
    tags:
      - name: things
        description: Things & more
    paths:
      /things/{id}:
        get:
          tags: [things]
          operationId: getThing
          summary: "Get a <thing>"
          parameters:
            - name: id
              in: path
              required: true
              description: "\\"><script>x</script>"
              schema: {type: integer, minimum: 1}
          responses:
            "200":
              description: The thing.
              content:
                application/json:
                  schema:
                    type: object
                    required: [name]
                    properties:
                      name: {type: string, maxLength: 40, pattern: "^<a>$"}
                      tags: {type: array, items: {type: string}}
            "404":
              description: Not found.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
    components:
      schemas:
        Error:
          type: object
          properties:
            status: {type: integer}
    """;

  @Test
  void everyTextFromTheDocumentIsEscaped() throws Exception {
    JsonObject doc = ApiDocument.parse(DOC.getBytes(StandardCharsets.UTF_8));
    String html = new DocsPage(doc, "/docs/docs.css").render();
    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>T</b>").doesNotContain("<thing>")
      .contains("&lt;script&gt;alert(2)&lt;/script&gt;")
      .contains("<code>&lt;img src=x onerror=alert(1)&gt;</code>")
      .contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;")
      .contains("Things &amp; more")
      .contains("matches <code>^&lt;a&gt;$</code>");
  }

  @Test
  void operationsShowTheirParametersBodiesAndResponses() throws Exception {
    JsonObject doc = ApiDocument.parse(DOC.getBytes(StandardCharsets.UTF_8));
    String html = new DocsPage(doc, "/docs/docs.css").render();
    assertThat(html)
      .contains("<span class=\"method get\">GET</span> <code>/api/v1/things/{id}</code>")
      .contains("<code>id</code> <span class=\"required\">required</span>")
      .contains("<code>name</code> <span class=\"required\">required</span>")
      .contains("at most 40 characters")
      .contains("array of string")
      .contains("<a href=\"#schema-Error\">Error</a>")
      .contains("<li>a list item with <code>code</code></li>")
      .contains("<h3>A heading</h3>")
      .contains("<pre><code>{&quot;type&quot;: &quot;register&quot;}");
  }
}

package io.jamanager.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The OpenAPI document as shipped in the jar: its bytes, served as they are, and its parsed tree. */
public final class ApiDocument {

  /** Classpath location of the contract. */
  public static final String RESOURCE = "/openapi.yaml";

  private final Buffer yaml;
  private final JsonObject tree;

  private ApiDocument(Buffer yaml, JsonObject tree) {
    this.yaml = yaml;
    this.tree = tree;
  }

  /** Reads and parses the document; fails at startup rather than serving a broken contract. */
  public static ApiDocument load() {
    try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      byte[] bytes = in.readAllBytes();
      return new ApiDocument(Buffer.buffer(bytes), parse(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  @SuppressWarnings("unchecked")
  static JsonObject parse(byte[] yaml) throws IOException {
    Map<String, Object> map = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
    return new JsonObject(map);
  }

  public Buffer yaml() {
    return yaml;
  }

  /** The parsed document; callers must not change it. */
  public JsonObject tree() {
    return tree;
  }
}

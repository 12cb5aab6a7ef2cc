package io.jamanager.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.http.HttpVerticle;
import io.jamanager.support.TestApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** openapi.yaml and the router describe the same API: no route undocumented, no operation unserved. */
class OpenapiContractTest {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options", "trace");
  private static final Pattern ROUTER_PARAM = Pattern.compile(":([A-Za-z0-9_]+)");
  private static final Pattern DOC_PARAM = Pattern.compile("\\{([^}/]+)}");

  private static TestApp app;
  private static JsonObject doc;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    doc = ApiDocument.load().tree();
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @Test
  void everyRouteIsDocumentedAndEveryOperationIsServed() {
    Map<String, String> served = servedOperations();
    Map<String, String> documented = documentedOperations();

    Set<String> undocumented = new TreeSet<>(served.keySet());
    undocumented.removeAll(documented.keySet());
    Set<String> unserved = new TreeSet<>(documented.keySet());
    unserved.removeAll(served.keySet());

    assertThat(undocumented.stream().map(served::get).toList())
      .as("routes the router serves that openapi.yaml lacks").isEmpty();
    assertThat(unserved.stream().map(documented::get).toList())
      .as("operations in openapi.yaml that no route serves").isEmpty();
    assertThat(served).as("the router was read").hasSizeGreaterThan(20);
  }

  @Test
  void everyPathParameterIsDeclaredAndEveryOperationNamed() {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new TreeSet<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!METHODS.contains(method)) {
          continue;
        }
        JsonObject op = item.getJsonObject(method);
        String where = method.toUpperCase() + " " + path;
        if (!ids.add(op.getString("operationId", where))) {
          problems.add(where + ": operationId " + op.getString("operationId") + " is used twice");
        }
        if (op.getJsonArray("tags", new JsonArray()).isEmpty()) {
          problems.add(where + ": no tag");
        }
        Set<String> declared = new TreeSet<>();
        for (Object p : op.getJsonArray("parameters", new JsonArray())) {
          JsonObject param = resolve((JsonObject) p);
          if ("path".equals(param.getString("in"))) {
            declared.add(param.getString("name"));
          }
        }
        Set<String> inPath = new TreeSet<>();
        Matcher m = DOC_PARAM.matcher(path);
        while (m.find()) {
          inPath.add(m.group(1));
        }
        if (!declared.equals(inPath)) {
          problems.add(where + ": path parameters " + inPath + " but declared " + declared);
        }
        JsonObject responses = op.getJsonObject("responses", new JsonObject());
        for (String status : responses.fieldNames()) {
          JsonObject response = resolve(responses.getJsonObject(status));
          if (status.startsWith("4") && !response.encode().contains("#/components/schemas/Error")) {
            problems.add(where + ": " + status + " does not answer the Error shape");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** "METHOD /api/v1/jams/{}" (parameter names differ between routes of one path, so shapes are compared) → readable form. */
  private static Map<String, String> servedOperations() {
    Map<String, String> served = new TreeMap<>();
    for (Route route : LiveRoutes.of(app.app())) {
      String path = route.getPath();
      if (path == null || !path.startsWith(HttpVerticle.API + "/")) {
        continue;
      }
      String readable = ROUTER_PARAM.matcher(path).replaceAll("{$1}");
      Set<HttpMethod> methods = route.methods();
      if (methods == null || methods.isEmpty()) {
        served.put("ANY " + shape(readable), "ANY " + readable + " (a route for every method)");
        continue;
      }
      for (HttpMethod method : methods) {
        served.put(method.name() + " " + shape(readable), method.name() + " " + readable);
      }
    }
    return served;
  }

  private static Map<String, String> documentedOperations() {
    String base = doc.getJsonArray("servers").getJsonObject(0).getString("url");
    assertThat(base).isEqualTo(HttpVerticle.API);
    Map<String, String> documented = new TreeMap<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (METHODS.contains(method)) {
          String full = base + path;
          documented.put(method.toUpperCase() + " " + shape(full), method.toUpperCase() + " " + full);
        }
      }
    }
    return documented;
  }

  private static String shape(String path) {
    return DOC_PARAM.matcher(path).replaceAll("{}");
  }

  private static JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    Object target = doc;
    for (String part : ref.substring(2).split("/")) {
      target = ((JsonObject) target).getValue(part);
    }
    return (JsonObject) target;
  }
}

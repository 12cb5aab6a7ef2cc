package io.jamanager.fuzz;

import io.jamanager.docs.ApiDocument;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The operations of openapi.yaml, reduced to what the fuzzer needs: where, which inputs, which answers. */
final class Operations {

  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  record Param(String name, String in, JsonObject schema) {
  }

  /**
   * One operation. {@code bodyShapes} holds the alternative field sets of a JSON body (empty when the operation takes
   * none); {@code bodyType} is the body's media type.
   */
  record Op(String id, String method, String path, List<Param> params, String bodyType,
            List<Map<String, JsonObject>> bodyShapes, Set<Integer> statuses, Map<Integer, Validator> jsonAnswers) {

    List<Param> in(String where) {
      return params.stream().filter(p -> p.in().equals(where)).toList();
    }

    boolean takesBody() {
      return bodyType != null;
    }

    @Override
    public String toString() {
      return method.toUpperCase() + " " + path;
    }
  }

  private final JsonObject doc;

  private Operations(JsonObject doc) {
    this.doc = doc;
  }

  static List<Op> load() {
    return new Operations(ApiDocument.load().tree()).all();
  }

  private List<Op> all() {
    String base = doc.getJsonArray("servers").getJsonObject(0).getString("url");
    List<Op> ops = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : METHODS) {
        JsonObject spec = item.getJsonObject(method);
        if (spec == null) {
          continue;
        }
        Map<String, Param> params = new LinkedHashMap<>();
        for (JsonArray list : new JsonArray[] {item.getJsonArray("parameters"), spec.getJsonArray("parameters")}) {
          for (Object p : list == null ? new JsonArray() : list) {
            JsonObject param = resolve((JsonObject) p);
            params.put(param.getString("in") + ":" + param.getString("name"),
              new Param(param.getString("name"), param.getString("in"), resolve(param.getJsonObject("schema", new JsonObject()))));
          }
        }
        String bodyType = null;
        List<Map<String, JsonObject>> shapes = new ArrayList<>();
        JsonObject body = spec.getJsonObject("requestBody");
        if (body != null) {
          JsonObject content = resolve(body).getJsonObject("content");
          bodyType = content.fieldNames().iterator().next();
          shapes = shapes(resolve(content.getJsonObject(bodyType).getJsonObject("schema")));
        }
        Set<Integer> statuses = new TreeSet<>();
        Map<Integer, Validator> jsonAnswers = new LinkedHashMap<>();
        JsonObject responses = spec.getJsonObject("responses");
        for (String status : responses.fieldNames()) {
          statuses.add(Integer.parseInt(status));
          JsonObject json = resolve(responses.getJsonObject(status)).getJsonObject("content", new JsonObject())
            .getJsonObject("application/json");
          if (json != null && json.getJsonObject("schema") != null) {
            jsonAnswers.put(Integer.parseInt(status), validator(json.getJsonObject("schema")));
          }
        }
        ops.add(new Op(spec.getString("operationId"), method, base + path, List.copyOf(params.values()), bodyType,
          shapes, statuses, jsonAnswers));
      }
    }
    return ops;
  }

  /**
   * A JSON Schema 2020-12 validator for a documented answer. The document's components ride along at the schema's
   * root, so its {@code #/components/schemas/…} references resolve as they do in the document.
   */
  private Validator validator(JsonObject schema) {
    JsonObject root = schema.copy().put("components",
      new JsonObject().put("schemas", doc.getJsonObject("components").getJsonObject("schemas")));
    return Validator.create(JsonSchema.of(root), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("https://jamanager.invalid/openapi").setOutputFormat(OutputFormat.Basic));
  }

  private List<Map<String, JsonObject>> shapes(JsonObject schema) {
    List<Map<String, JsonObject>> shapes = new ArrayList<>();
    JsonArray oneOf = schema.getJsonArray("oneOf");
    if (oneOf != null) {
      for (Object alternative : oneOf) {
        shapes.addAll(shapes(resolve((JsonObject) alternative)));
      }
      return shapes;
    }
    Map<String, JsonObject> fields = new LinkedHashMap<>();
    collect(schema, fields);
    shapes.add(fields);
    return shapes;
  }

  private void collect(JsonObject schema, Map<String, JsonObject> fields) {
    schema = resolve(schema);
    JsonObject properties = schema.getJsonObject("properties");
    if (properties != null) {
      properties.fieldNames().forEach(name -> fields.put(name, resolve(properties.getJsonObject(name))));
    }
    for (Object part : schema.getJsonArray("allOf", new JsonArray())) {
      collect((JsonObject) part, fields);
    }
  }

  private JsonObject resolve(JsonObject node) {
    String ref = node == null ? null : node.getString("$ref");
    if (ref == null) {
      return node;
    }
    Object target = doc;
    for (String part : ref.substring(2).split("/")) {
      target = ((JsonObject) target).getValue(part);
    }
    return resolve((JsonObject) target);
  }
}

package io.jamanager.docs;

import static io.jamanager.http.HttpVerticle.API;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an OpenAPI 3.1 document as one HTML page: the introduction, then the operations grouped by tag with
 * their parameters, bodies and responses, then the shared schemas. Every text from the document is escaped.
 */
final class DocsPage {

  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final String SCHEMA_PREFIX = "#/components/schemas/";
  private static final int MAX_DEPTH = 4;

  /** One operation of the document, with the path it sits under. */
  private record Operation(String method, String path, JsonObject pathItem, JsonObject spec) {
  }

  private final JsonObject doc;
  private final String stylesheet;
  private final StringBuilder out = new StringBuilder(64 * 1024);

  DocsPage(JsonObject doc, String stylesheet) {
    this.doc = doc;
    this.stylesheet = stylesheet;
  }

  String render() {
    JsonObject info = doc.getJsonObject("info", new JsonObject());
    Map<String, List<Operation>> byTag = operationsByTag();
    out.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
      .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
      .append("<title>").append(esc(info.getString("title", "API"))).append("</title>\n")
      .append("<link rel=\"stylesheet\" href=\"").append(esc(stylesheet)).append("\">\n</head>\n<body>\n");
    header(info);
    nav(byTag);
    out.append("<main>\n<section id=\"introduction\">\n<h2>Introduction</h2>\n");
    markdown(info.getString("description", ""));
    out.append("</section>\n");
    byTag.forEach(this::tagSection);
    schemas();
    out.append("</main>\n</body>\n</html>\n");
    return out.toString();
  }

  private void header(JsonObject info) {
    out.append("<header>\n<h1>").append(esc(info.getString("title", "API")))
      .append(" <span class=\"version\">v").append(esc(String.valueOf(info.getValue("version", "")))).append("</span></h1>\n");
    if (info.getString("summary") != null) {
      out.append("<p class=\"lead\">").append(esc(info.getString("summary"))).append("</p>\n");
    }
    out.append("<p>Every path below starts with <code>").append(esc(API)).append("</code>. The machine-readable contract: <a href=\"")
      .append(esc(API)).append("/openapi.yaml\">openapi.yaml</a>.</p>\n</header>\n");
  }

  private void nav(Map<String, List<Operation>> byTag) {
    out.append("<nav>\n<h2>Contents</h2>\n<ul>\n<li><a href=\"#introduction\">Introduction</a></li>\n");
    byTag.forEach((tag, ops) -> {
      out.append("<li><a href=\"#tag-").append(anchor(tag)).append("\">").append(esc(tag)).append("</a>\n<ul>\n");
      for (Operation op : ops) {
        out.append("<li><a href=\"#op-").append(anchor(operationId(op))).append("\"><span class=\"method ")
          .append(op.method()).append("\">").append(op.method().toUpperCase()).append("</span> <span class=\"path\">")
          .append(esc(op.path()).replace("/", "/<wbr>")).append("</span></a></li>\n");
      }
      out.append("</ul>\n</li>\n");
    });
    out.append("<li><a href=\"#schemas\">Schemas</a></li>\n</ul>\n</nav>\n");
  }

  private Map<String, List<Operation>> operationsByTag() {
    Map<String, List<Operation>> byTag = new LinkedHashMap<>();
    for (Object t : doc.getJsonArray("tags", new JsonArray())) {
      byTag.put(((JsonObject) t).getString("name"), new ArrayList<>());
    }
    JsonObject paths = doc.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : METHODS) {
        JsonObject spec = item.getJsonObject(method);
        if (spec == null) {
          continue;
        }
        JsonArray tags = spec.getJsonArray("tags", new JsonArray().add("other"));
        String tag = tags.isEmpty() ? "other" : tags.getString(0);
        byTag.computeIfAbsent(tag, k -> new ArrayList<>()).add(new Operation(method, path, item, spec));
      }
    }
    byTag.values().removeIf(List::isEmpty);
    return byTag;
  }

  private void tagSection(String tag, List<Operation> ops) {
    out.append("<section id=\"tag-").append(anchor(tag)).append("\">\n<h2>").append(esc(tag)).append("</h2>\n");
    for (Object t : doc.getJsonArray("tags", new JsonArray())) {
      JsonObject tagSpec = (JsonObject) t;
      if (tag.equals(tagSpec.getString("name")) && tagSpec.getString("description") != null) {
        out.append("<p>").append(inline(tagSpec.getString("description"))).append("</p>\n");
      }
    }
    ops.forEach(this::operation);
    out.append("</section>\n");
  }

  private void operation(Operation op) {
    JsonObject spec = op.spec();
    out.append("<article class=\"operation\" id=\"op-").append(anchor(operationId(op))).append("\">\n<h3><span class=\"method ")
      .append(op.method()).append("\">").append(op.method().toUpperCase()).append("</span> <code>")
      .append(esc(API + op.path())).append("</code></h3>\n");
    if (spec.getString("summary") != null) {
      out.append("<p class=\"summary\">").append(inline(spec.getString("summary"))).append("</p>\n");
    }
    out.append("<p class=\"auth\">").append(auth(spec)).append("</p>\n");
    if (spec.getString("description") != null) {
      markdown(spec.getString("description"));
    }
    parameters(op);
    requestBody(spec.getJsonObject("requestBody"));
    responses(spec.getJsonObject("responses", new JsonObject()));
    out.append("</article>\n");
  }

  private String auth(JsonObject spec) {
    JsonArray security = spec.getJsonArray("security", doc.getJsonArray("security", new JsonArray()));
    boolean anonymous = security.isEmpty() || security.stream().anyMatch(s -> ((JsonObject) s).isEmpty());
    boolean token = security.stream().anyMatch(s -> !((JsonObject) s).isEmpty());
    if (anonymous && token) {
      return "Anyone; a bearer token is read when sent.";
    }
    return anonymous ? "Anyone, no token needed." : "Needs a bearer token.";
  }

  private void parameters(Operation op) {
    Map<String, JsonObject> params = new LinkedHashMap<>();
    for (JsonArray list : new JsonArray[] {op.pathItem().getJsonArray("parameters"), op.spec().getJsonArray("parameters")}) {
      if (list == null) {
        continue;
      }
      for (Object p : list) {
        JsonObject param = resolve((JsonObject) p);
        params.put(param.getString("in") + ":" + param.getString("name"), param);
      }
    }
    if (params.isEmpty()) {
      return;
    }
    out.append("<h4>Parameters</h4>\n<table class=\"fields\">\n<thead><tr><th>name</th><th>in</th><th>type</th><th>description</th></tr></thead>\n<tbody>\n");
    for (JsonObject p : params.values()) {
      JsonObject schema = p.getJsonObject("schema", new JsonObject());
      out.append("<tr><td><code>").append(esc(p.getString("name"))).append("</code>")
        .append(p.getBoolean("required", false) ? " <span class=\"required\">required</span>" : "")
        .append("</td><td>").append(esc(p.getString("in"))).append("</td><td>").append(type(schema))
        .append(constraints(schema)).append("</td><td>").append(inline(p.getString("description", ""))).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private void requestBody(JsonObject body) {
    if (body == null) {
      return;
    }
    body = resolve(body);
    out.append("<h4>Request body").append(body.getBoolean("required", false) ? " <span class=\"required\">required</span>" : "")
      .append("</h4>\n");
    if (body.getString("description") != null) {
      out.append("<p>").append(inline(body.getString("description"))).append("</p>\n");
    }
    content(body.getJsonObject("content", new JsonObject()));
  }

  private void responses(JsonObject responses) {
    out.append("<h4>Responses</h4>\n<table class=\"responses\">\n<tbody>\n");
    for (String status : responses.fieldNames().stream().sorted().toList()) {
      JsonObject response = resolve(responses.getJsonObject(status));
      out.append("<tr><td class=\"status s").append(esc(status.substring(0, 1))).append("xx\">").append(esc(status))
        .append("</td><td>").append(inline(response.getString("description", "")));
      content(response.getJsonObject("content", new JsonObject()));
      out.append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private void content(JsonObject content) {
    for (String mediaType : content.fieldNames()) {
      JsonObject schema = content.getJsonObject(mediaType).getJsonObject("schema");
      out.append("<div class=\"media\"><span class=\"media-type\">").append(esc(mediaType)).append("</span> ");
      if (schema != null) {
        schema(schema, 0);
      }
      out.append("</div>\n");
    }
  }

  private void schemas() {
    JsonObject schemas = doc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
    out.append("<section id=\"schemas\">\n<h2>Schemas</h2>\n");
    for (String name : schemas.fieldNames()) {
      JsonObject schema = schemas.getJsonObject(name);
      out.append("<article class=\"schema\" id=\"schema-").append(anchor(name)).append("\">\n<h3>").append(esc(name)).append("</h3>\n");
      if (schema.getString("description") != null) {
        out.append("<p>").append(inline(schema.getString("description"))).append("</p>\n");
      }
      schemaBody(schema, 0);
      out.append("</article>\n");
    }
    out.append("</section>\n");
  }

  /** A schema where it is used: a reference stays a link; an inline object shows its fields. */
  private void schema(JsonObject schema, int depth) {
    if (schema.containsKey("$ref")) {
      out.append(type(schema));
      return;
    }
    schemaBody(schema, depth);
  }

  private void schemaBody(JsonObject schema, int depth) {
    JsonArray oneOf = schema.getJsonArray("oneOf");
    if (oneOf != null && !schema.containsKey("properties") && oneOf.stream().anyMatch(a -> hasFields((JsonObject) a))) {
      out.append("<p class=\"composed\">one of:</p>\n");
      for (int i = 0; i < oneOf.size(); i++) {
        if (i > 0) {
          out.append("<p class=\"composed\">or</p>\n");
        }
        schema(oneOf.getJsonObject(i), depth);
      }
      return;
    }
    Map<String, JsonObject> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    collect(schema, properties, required, parts);
    if (properties.isEmpty()) {
      out.append(type(schema)).append(constraints(schema));
      if (depth > 0 && schema.getString("description") != null) {
        out.append(" ").append(inline(schema.getString("description")));
      }
      return;
    }
    if (!parts.isEmpty()) {
      out.append("<p class=\"composed\">").append(String.join(" plus ", parts)).append(", with:</p>\n");
    }
    out.append("<table class=\"fields\">\n<tbody>\n");
    for (Map.Entry<String, JsonObject> e : properties.entrySet()) {
      JsonObject property = e.getValue();
      out.append("<tr><td><code>").append(esc(e.getKey())).append("</code>")
        .append(required.contains(e.getKey()) ? " <span class=\"required\">required</span>" : "").append("</td><td>");
      if (depth < MAX_DEPTH && !property.containsKey("$ref") && hasFields(property)) {
        schemaBody(property, depth + 1);
        out.append("</td><td>").append(inline(property.getString("description", "")));
      } else {
        out.append(type(property)).append(constraints(property)).append("</td><td>")
          .append(inline(property.getString("description", "")));
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  /** Gathers the fields of an object and of its inline allOf parts; referenced parts are named in {@code parts}. */
  private void collect(JsonObject schema, Map<String, JsonObject> properties, List<String> required, List<String> parts) {
    JsonObject own = schema.getJsonObject("properties");
    if (own != null) {
      own.fieldNames().forEach(name -> properties.put(name, own.getJsonObject(name)));
    }
    schema.getJsonArray("required", new JsonArray()).forEach(r -> required.add(String.valueOf(r)));
    for (Object part : schema.getJsonArray("allOf", new JsonArray())) {
      JsonObject p = (JsonObject) part;
      if (p.containsKey("$ref")) {
        parts.add(type(p));
      } else {
        collect(p, properties, required, parts);
      }
    }
  }

  private static boolean hasFields(JsonObject schema) {
    return schema.containsKey("properties") || schema.containsKey("allOf")
      || schema.getJsonArray("oneOf", new JsonArray()).stream().anyMatch(a -> hasFields((JsonObject) a));
  }

  /** A short type: string, integer | null, array of Song, a link for references. */
  private String type(JsonObject schema) {
    if (schema.containsKey("$ref")) {
      String ref = schema.getString("$ref");
      String name = ref.startsWith(SCHEMA_PREFIX) ? ref.substring(SCHEMA_PREFIX.length()) : ref;
      return "<a href=\"#schema-" + anchor(name) + "\">" + esc(name) + "</a>";
    }
    for (String combinator : new String[] {"oneOf", "anyOf"}) {
      JsonArray alternatives = schema.getJsonArray(combinator);
      if (alternatives != null) {
        List<String> types = new ArrayList<>();
        alternatives.forEach(a -> types.add(type((JsonObject) a)));
        return String.join(" | ", types);
      }
    }
    JsonArray allOf = schema.getJsonArray("allOf");
    if (allOf != null) {
      List<String> types = new ArrayList<>();
      allOf.forEach(a -> types.add(((JsonObject) a).containsKey("$ref") ? type((JsonObject) a) : "object"));
      return String.join(" + ", types);
    }
    Object t = schema.getValue("type");
    List<String> names = new ArrayList<>();
    if (t instanceof JsonArray array) {
      array.forEach(n -> names.add(String.valueOf(n)));
    } else if (t != null) {
      names.add(String.valueOf(t));
    } else if (schema.containsKey("properties")) {
      names.add("object");
    } else {
      names.add("any");
    }
    List<String> rendered = new ArrayList<>();
    for (String name : names) {
      if (name.equals("array") && schema.getJsonObject("items") != null) {
        rendered.add("array of " + type(schema.getJsonObject("items")));
      } else {
        rendered.add(esc(name));
      }
    }
    return String.join(" | ", rendered);
  }

  private String constraints(JsonObject schema) {
    List<String> notes = new ArrayList<>();
    if (schema.getValue("format") != null) {
      notes.add(esc(String.valueOf(schema.getValue("format"))));
    }
    range(notes, schema, "minLength", "maxLength", "characters");
    range(notes, schema, "minimum", "maximum", null);
    range(notes, schema, "minItems", "maxItems", "items");
    if (schema.getValue("minProperties") != null) {
      notes.add("at least " + schema.getValue("minProperties") + " field(s)");
    }
    if (schema.getValue("pattern") != null) {
      notes.add("matches <code>" + esc(String.valueOf(schema.getValue("pattern"))) + "</code>");
    }
    if (schema.getJsonArray("enum") != null) {
      List<String> values = new ArrayList<>();
      schema.getJsonArray("enum").forEach(v -> values.add("<code>" + esc(String.valueOf(v)) + "</code>"));
      notes.add("one of " + String.join(", ", values));
    }
    if (schema.getValue("const") != null) {
      notes.add("always <code>" + esc(String.valueOf(schema.getValue("const"))) + "</code>");
    }
    if (schema.getValue("default") != null) {
      notes.add("default <code>" + esc(String.valueOf(schema.getValue("default"))) + "</code>");
    }
    JsonObject items = schema.getJsonObject("items");
    if (items != null && !items.containsKey("$ref")) {
      String inner = constraints(items);
      if (!inner.isEmpty()) {
        notes.add("each" + inner.replaceFirst("^ <span class=\"constraints\">\\(", " ").replaceFirst("\\)</span>$", ""));
      }
    }
    return notes.isEmpty() ? "" : " <span class=\"constraints\">(" + String.join("; ", notes) + ")</span>";
  }

  private static void range(List<String> notes, JsonObject schema, String minKey, String maxKey, String unit) {
    Object min = schema.getValue(minKey);
    Object max = schema.getValue(maxKey);
    String suffix = unit == null ? "" : " " + unit;
    if (min != null && max != null) {
      notes.add(esc(min + "–" + max + suffix));
    } else if (max != null) {
      notes.add(esc("at most " + max + suffix));
    } else if (min != null) {
      boolean one = "1".equals(String.valueOf(min)) && unit != null;
      notes.add(esc(one ? "not empty" : "at least " + min + suffix));
    }
  }

  /** Follows a local {@code $ref} to parameters, responses or request bodies. */
  private JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null || !ref.startsWith("#/")) {
      return node;
    }
    Object target = doc;
    for (String part : ref.substring(2).split("/")) {
      target = target instanceof JsonObject o ? o.getValue(part) : null;
    }
    return target instanceof JsonObject o ? o : node;
  }

  private static String operationId(Operation op) {
    return op.spec().getString("operationId", op.method() + op.path());
  }

  /**
   * The small part of Markdown the document uses: paragraphs, "## " headings, "- " lists, fenced code and
   * `code` spans. Everything is escaped first, so the document cannot inject markup.
   */
  private void markdown(String text) {
    List<String> paragraph = new ArrayList<>();
    boolean inList = false;
    boolean inCode = false;
    for (String line : text.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        flush(paragraph);
        if (inList) {
          out.append("</ul>\n");
          inList = false;
        }
        out.append(inCode ? "</code></pre>\n" : "<pre><code>");
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        out.append(esc(line)).append('\n');
        continue;
      }
      String trimmed = line.strip();
      boolean item = trimmed.startsWith("- ");
      boolean continuation = inList && !item && !trimmed.isEmpty() && line.startsWith("  ");
      if (continuation) {
        int last = out.lastIndexOf("</li>");
        out.insert(last, " " + inline(trimmed));
        continue;
      }
      if (inList && !item) {
        out.append("</ul>\n");
        inList = false;
      }
      if (item) {
        flush(paragraph);
        if (!inList) {
          out.append("<ul>\n");
          inList = true;
        }
        out.append("<li>").append(inline(trimmed.substring(2))).append("</li>\n");
      } else if (trimmed.startsWith("#")) {
        flush(paragraph);
        out.append("<h3>").append(inline(trimmed.replaceFirst("^#+\\s*", ""))).append("</h3>\n");
      } else if (trimmed.isEmpty()) {
        flush(paragraph);
      } else {
        paragraph.add(trimmed);
      }
    }
    flush(paragraph);
    if (inList) {
      out.append("</ul>\n");
    }
    if (inCode) {
      out.append("</code></pre>\n");
    }
  }

  private void flush(List<String> paragraph) {
    if (!paragraph.isEmpty()) {
      out.append("<p>").append(inline(String.join(" ", paragraph))).append("</p>\n");
      paragraph.clear();
    }
  }

  /** Escapes, then turns `code` spans into code elements. */
  static String inline(String text) {
    Matcher m = CODE.matcher(esc(text));
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement("<code>" + m.group(1) + "</code>"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String anchor(String s) {
    return s.replaceAll("[^A-Za-z0-9_-]", "-");
  }
}

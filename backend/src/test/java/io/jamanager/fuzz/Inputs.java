package io.jamanager.fuzz;

import io.jamanager.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of hostile and ordinary inputs: path and query values, JSON bodies, raw bodies, headers, tokens. */
final class Inputs {

  /** A value on the wire: ISO-8859-1 chars, one per byte, so it can hold bytes that are not UTF-8. */
  record Wire(String latin1) {
  }

  /** A path value: one of the fixture's real values for the parameter ({@code pick} chooses which), or these bytes. */
  record PathValue(boolean real, int pick, String wire) {
    @Override
    public String toString() {
      return real ? "<real " + pick + ">" : printable(wire);
    }
  }

  /** A body and its declared type (null: no Content-Type header). */
  record Body(byte[] bytes, String contentType, String label) {
    @Override
    public String toString() {
      return label + " as " + contentType;
    }
  }

  /** Who calls: a role's real token, or a broken Authorization header. */
  enum Who { NOBODY, VIEWER, STAGE, ATTENDEE, OTHER_JAM_ATTENDEE, HOST, COHOST, FORGED }

  static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";
  private static final int BODY_LIMIT = 64 * 1024;

  private Inputs() {
  }

  static Arbitrary<String> junkText() {
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(4, Arbitraries.of("", " ", "\u0000", "\t", "a\nb", "\r\n", "\u202eevil", "\u200b", "x\u0007y",
        "\ud800", "\udfff", "🎸🎸", "日本語", "Ünïcödé", "null", "true", "0", "-1", "<script>alert(1)</script>",
        "' or 1=1 --", "%s%n", "${jndi:ldap://x/a}", "../../etc/passwd", "C#m", "H", "Cb", "https://", "http://evil.example",
        "javascript:alert(1)", "https://user:pw@host.example/", "https://ok.example/chords", "https:///nohost",
        "2030-02-30T20:00:00Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
        "2030-05-01", "2030-05-01T20:00:00+14:00", "9999-12-31T23:59:59-18:00", "294277-01-01T00:00:00Z",
        "voting", "guitar", "GUITAR", "　", "\u00a0", "a\u0300", "\uFEFF", "\u2028")),
      net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
      net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(4)),
      net.jqwik.api.Tuple.of(2, Arbitraries.of(9, 31, 41, 101, 121, 161, 201, 301, 501, 2001, 50_001)
        .flatMap(n -> Arbitraries.of("x", "é", "🎸", " ").map(c -> c.repeat(n)))),
      net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(BODY_LIMIT, BODY_LIMIT + 4000).map("y"::repeat)));
  }

  /** Any JSON value, nested a few levels, with edge numbers and hostile strings. */
  static Arbitrary<Object> junkJson(int depth) {
    List<net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Object>>> choices = new ArrayList<>(List.of(
      net.jqwik.api.Tuple.of(2, Arbitraries.just(JsonNull.NULL)),
      net.jqwik.api.Tuple.of(2, Arbitraries.of(true, false)),
      net.jqwik.api.Tuple.of(3, Arbitraries.of(0L, -1L, 1L, 2L, 3L, 11L, 12L, 100L, 101L, 100_001L, -100_001L, Integer.MAX_VALUE + 1L,
        Long.MAX_VALUE, Long.MIN_VALUE)),
      net.jqwik.api.Tuple.of(1, Arbitraries.of(new RawJson("1.5"), new RawJson("-0.0"), new RawJson("1e308"), new RawJson("1e400"),
        new RawJson("123456789012345678901234567890"), new RawJson("-9223372036854775809"), new RawJson("1E2"))),
      net.jqwik.api.Tuple.of(4, junkText())));
    if (depth > 0) {
      choices.add(net.jqwik.api.Tuple.of(1, junkJson(depth - 1).list().ofMaxSize(4)));
      choices.add(net.jqwik.api.Tuple.of(1, Arbitraries.maps(Arbitraries.of("name", "title", "a", "", "enabled", "itemId"),
        junkJson(depth - 1)).ofMaxSize(3)));
    }
    return Arbitraries.frequencyOf(choices.toArray(net.jqwik.api.Tuple.Tuple2[]::new));
  }

  /** A value that fits the schema most of the time, so requests get past validation and into the handlers. */
  static Arbitrary<Object> fitting(JsonObject schema, Fixture fx) {
    Object type = schema.getValue("type");
    String first = type instanceof JsonArray a ? a.getString(0) : type == null ? "string" : String.valueOf(type);
    return switch (first) {
      case "integer" -> {
        long min = schema.getLong("minimum", 0L);
        long max = schema.getLong("maximum", 1000L);
        yield Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(min, max).map(v -> (Object) v)),
          net.jqwik.api.Tuple.of(3, Arbitraries.of(fx.songId, fx.venueId, fx.itemId, fx.hostItemId).map(v -> (Object) v)),
          net.jqwik.api.Tuple.of(1, Arbitraries.of(min, max, min - 1, max + 1).map(v -> (Object) v)));
      }
      case "boolean" -> Arbitraries.of(true, false).map(v -> (Object) v);
      case "array" -> Arbitraries.of("guitar", "bass", "drums", "vocals", "keys", "jazz", "Guitar", "harmonica")
        .list().ofMaxSize(schema.getInteger("maxItems", 3) + 1).map(l -> (Object) new ArrayList<Object>(l));
      default -> fittingText(schema);
    };
  }

  private static Arbitrary<Object> fittingText(JsonObject schema) {
    if (schema.getJsonArray("enum") != null) {
      return Arbitraries.of(schema.getJsonArray("enum").getList()).map(v -> (Object) String.valueOf(v));
    }
    if ("date-time".equals(schema.getString("format"))) {
      return Arbitraries.of("2030-05-01T20:00:00Z", "2031-12-31T23:30:00+01:00", "2026-11-27T20:00:00Z").map(v -> (Object) v);
    }
    String pattern = schema.getString("pattern", "");
    if (pattern.contains("https")) {
      return Arbitraries.of("https://tabs.example/autumn-leaves", "https://example.com/x?y=1").map(v -> (Object) v);
    }
    if (pattern.contains("A-G")) {
      return Arbitraries.of("C", "F#m", "Bb", "").map(v -> (Object) v);
    }
    int max = Math.min(schema.getInteger("maxLength", 40), 60);
    int min = Math.max(1, schema.getInteger("minLength", 1));
    return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', 'É', 'ß').ofMinLength(min).ofMaxLength(Math.max(min, max))
      .map(v -> (Object) v);
  }

  /** An object with some of the schema's fields, each fitting or hostile, and now and then an unknown field. */
  static Arbitrary<Map<String, Object>> shapedObject(Map<String, JsonObject> fields, Fixture fx) {
    List<Arbitrary<Map.Entry<String, Object>>> entries = new ArrayList<>();
    for (Map.Entry<String, JsonObject> field : fields.entrySet()) {
      Arbitrary<Object> value = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, fitting(field.getValue(), fx)),
        net.jqwik.api.Tuple.of(2, junkJson(2)));
      entries.add(Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, value.map(v -> Map.entry(field.getKey(), v))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(null))));
    }
    entries.add(Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(5, Arbitraries.just(null)),
      net.jqwik.api.Tuple.of(1, junkJson(1).map(v -> Map.entry("unexpected", v)))));
    return Combinators.combine(entries).as(list -> {
      Map<String, Object> object = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : list) {
        if (e != null) {
          object.put(e.getKey(), e.getValue());
        }
      }
      return object;
    });
  }

  static Arbitrary<String> contentType() {
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(12, Arbitraries.just("application/json")),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/json; charset=utf-16", "application/jsonx",
        "APPLICATION/JSON", "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded", "application/json\u00ff",
        "*/*", "", "application/json; charset=utf-8", "multipart/form-data")),
      net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
  }

  /** Bodies no JSON parser should accept, or should accept only with care. */
  static Arbitrary<Body> rawBody() {
    List<Body> fixed = new ArrayList<>();
    String[] texts = {"", " ", "{", "}", "[]", "null", "\"text\"", "123", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "NaN",
      "{\"name\":\"a\",\"name\":1}", "{\"accessCode\":1e400}", "/* c */ {}", "{\"title\":\"x\"}garbage", "[{}]", "true"};
    for (String t : texts) {
      fixed.add(new Body(t.getBytes(StandardCharsets.UTF_8), "application/json", "raw " + printable(t)));
    }
    fixed.add(new Body(bytes("{\"name\":\"", new byte[] {(byte) 0xC3, 0x28}, "\"}"), "application/json", "invalid UTF-8 (C3 28)"));
    fixed.add(new Body(bytes("{\"title\":\"", new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x80}, "\"}"), "application/json",
      "invalid UTF-8 (FF FE 80)"));
    fixed.add(new Body(bytes("{\"name\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"), "application/json",
      "UTF-8 encoded surrogate"));
    fixed.add(new Body(bytes("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"name\":\"bom\"}"), "application/json", "BOM"));
    fixed.add(new Body("{\"name\":\"utf16\"}".getBytes(StandardCharsets.UTF_16), "application/json", "UTF-16"));
    fixed.add(new Body(bytes("{\"name\":\"a", new byte[] {0, 1, 2}, "\"}"), "application/json", "raw control bytes in a string"));
    fixed.add(new Body(new byte[] {0, 0, 0, 0}, "application/json", "NUL bytes"));
    for (int depth : new int[] {100, 1_001, 5_000, 20_000}) {
      fixed.add(new Body(("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII), "application/json",
        "arrays nested " + depth + " deep"));
      fixed.add(new Body(("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.US_ASCII),
        "application/json", "objects nested " + depth + " deep"));
    }
    fixed.add(new Body(" ".repeat(BODY_LIMIT + 1).getBytes(StandardCharsets.US_ASCII), "application/json", "64 KiB + 1 of spaces"));
    fixed.add(new Body(("{\"name\":\"" + "n".repeat(BODY_LIMIT - 20) + "\"}").getBytes(StandardCharsets.US_ASCII),
      "application/json", "just under 64 KiB"));
    fixed.add(new Body(("[" + "1,".repeat(40_000) + "1]").getBytes(StandardCharsets.US_ASCII), "application/json", "80 KB array"));
    return Arbitraries.oneOf(Arbitraries.of(fixed), Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
      .map(b -> new Body(b, "application/json", "random bytes")));
  }

  /** Multipart uploads: a real tiny PNG, junk in a file field, the wrong field, SVG, a broken boundary. */
  static Arbitrary<Body> multipartBody() {
    byte[] png = tinyPng();
    List<Body> bodies = List.of(
      multipart("file", "poster.png", "image/png", png, "a real PNG"),
      multipart("file", "poster.jpg", "image/jpeg", "not an image".getBytes(StandardCharsets.UTF_8), "text named .jpg"),
      multipart("file", "x.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
        .getBytes(StandardCharsets.UTF_8), "SVG"),
      multipart("picture", "poster.png", "image/png", png, "PNG in the wrong field"),
      multipart("file", "../../etc/passwd", "image/png", new byte[0], "empty file with a hostile name"),
      multipart("file", "p.png", "image/png", java.util.Arrays.copyOf(png, 20), "truncated PNG"),
      new Body("--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII),
        "multipart/form-data; boundary=B", "unterminated multipart"),
      new Body("{\"file\":\"x\"}".getBytes(StandardCharsets.US_ASCII), "application/json", "JSON instead of a form"));
    return Arbitraries.of(bodies);
  }

  private static Body multipart(String field, String filename, String type, byte[] content, String label) {
    String boundary = "fuzzBoundary7MA4YWxk";
    byte[] body = bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
      + "\"\r\nContent-Type: " + type + "\r\n\r\n", content, "\r\n--" + boundary + "--\r\n");
    return new Body(body, "multipart/form-data; boundary=" + boundary, label);
  }

  static Arbitrary<PathValue> pathValue() {
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(0, 3).map(pick -> new PathValue(true, pick, null))),
      net.jqwik.api.Tuple.of(2, Arbitraries.of("0", "-1", "9223372036854775807", "9223372036854775808", "1e3", "0x10", "1.5",
        "%201", "+1", "00001", "99999999999999999999").map(v -> new PathValue(false, 0, v))),
      net.jqwik.api.Tuple.of(2, junkText().filter(t -> t.length() < 600).map(t -> new PathValue(false, 0, encode(t)))),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("..", ".", "", "..%2F..%2F", "%2e%2e", "a%2Fb", "%2F", "%5C", "..;", ";a=b")
        .map(v -> new PathValue(false, 0, v))),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("%", "%zz", "%FF", "%C3%28", "%00", "%u0041", "%%", "%0a", "%E2%80%AE")
        .map(v -> new PathValue(false, 0, v))),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("9".repeat(2_000), "a".repeat(5_000)).map(v -> new PathValue(false, 0, v))),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("\u00ff\u00fe", "\u00c3\u0028", "a b", "a\tb", "<>\"{}|^`")
        .map(v -> new PathValue(false, 0, v))));
  }

  static Arbitrary<String> queryValue(JsonObject schema) {
    List<String> fitting = new ArrayList<>();
    if (schema.getJsonArray("enum") != null) {
      schema.getJsonArray("enum").forEach(v -> fitting.add(String.valueOf(v)));
    } else if ("integer".equals(schema.getString("type"))) {
      fitting.addAll(List.of("0", "1", "3", "5", "500", "502"));
    } else {
      fitting.addAll(List.of("blues", "autumn leaves", "a b c d e f g h i j k", "%25", "_"));
    }
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(3, Arbitraries.of(fitting).map(Inputs::encode)),
      net.jqwik.api.Tuple.of(2, pathValue().filter(v -> !v.real()).map(PathValue::wire)));
  }

  static Arbitrary<String> extraQuery() {
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(8, Arbitraries.just("")),
      net.jqwik.api.Tuple.of(1, Arbitraries.of("&&&", "=", "a=%", "%zz=1", "after=1&after=2", "all=true&all=false",
        "q=" + "x".repeat(3_000), "format=csv&format=json", "ban=true", "a[]=1&a[b]=2", "\u00ff=\u00fe")));
  }

  /** Authorization headers that must never let anyone in. */
  static Arbitrary<String> forgedAuthorization(Fixture fx) {
    long jam = fx.jamId();
    long now = System.currentTimeMillis() / 1000;
    String[] parts = fx.attendee.split("\\.");
    String tamperedPayload = b64(new JsonObject().put("role", "host").put("sub", "host").put("exp", now + 3600).encode());
    return Arbitraries.of(
      "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "Bearer " + "A".repeat(9_000), "Bearer \u00ff\u00fe",
      "Bearer " + unsigned(new JsonObject().put("role", "host").put("sub", "host").put("exp", now + 3600)),
      "Bearer " + parts[0] + "." + tamperedPayload + "." + parts[2],
      "Bearer " + signed("k1", new JsonObject().put("role", "host").put("sub", "host").put("exp", now - 60)),
      "Bearer " + signed("unknown-kid", new JsonObject().put("role", "host").put("sub", "host").put("exp", now + 3600)),
      "Bearer " + signed("k1", new JsonObject().put("role", "admin").put("sub", "x").put("exp", now + 3600)),
      "Bearer " + signed("k1", new JsonObject().put("role", "attendee").put("jam", jam).put("sub", "999999").put("exp", now + 3600)),
      "Bearer " + signed("k1", new JsonObject().put("role", "attendee").put("jam", jam).put("sub", "-5").put("exp", now + 3600)),
      "Bearer " + signed("k1", new JsonObject().put("role", "attendee").put("jam", "abc").put("sub", "1").put("exp", now + 3600)),
      "Bearer " + signed("k1", new JsonObject().put("role", "viewer").put("exp", now + 3600)),
      "Bearer " + signed("k1", new JsonObject().put("role", "attendee").put("jam", new JsonArray().add(1)).put("sub", "1")
        .put("exp", now + 3600)),
      "Bearer " + signed("k1", new JsonObject().put("role", "stage").put("jam", Long.MAX_VALUE).put("exp", now + 3600)),
      "Bearer " + signed("k1", new JsonObject().put("role", "cohost").put("jam", jam).put("sub", "999999").put("name", "X")
        .put("exp", now + 3600)),
      "Bearer " + signed("k1", new JsonObject().put("role", "cohost").put("jam", jam).put("sub", "x").put("exp", now + 3600)),
      "bearer " + fx.host, "Bearer  " + fx.host + "  ", "Bearer " + fx.host + "x", "Bearer " + fx.viewer + "," + fx.host);
  }

  /** Headers a request may carry besides its own: mostly none, sometimes hostile or oversized ones. */
  static Arbitrary<List<String[]>> extraHeaders() {
    List<String[]> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(new String[] {"X-Junk-" + i, "v" + i});
    }
    return Arbitraries.frequencyOf(
      net.jqwik.api.Tuple.of(12, Arbitraries.just(List.of())),
      net.jqwik.api.Tuple.of(1, Arbitraries.of(
        List.<String[]>of(new String[] {"X-Junk", "j".repeat(9_000)}),
        List.<String[]>of(new String[] {"X-Junk", "j".repeat(4_000)}),
        many,
        List.<String[]>of(new String[] {"Accept", "application/xml"}),
        List.<String[]>of(new String[] {"X-Forwarded-For", "::::, junk, 999.1.1.1"}),
        List.<String[]>of(new String[] {"Fly-Client-IP", "\u00ff\u00fe"}),
        List.<String[]>of(new String[] {"Origin", "https://evil.example"}),
        List.<String[]>of(new String[] {"X-Request-Id", "<script>" + "r".repeat(300)}),
        List.<String[]>of(new String[] {"Expect", "100-continue"}),
        List.<String[]>of(new String[] {"Content-Encoding", "gzip"}),
        List.<String[]>of(new String[] {"If-None-Match", "\"" + "0".repeat(64) + "\""}),
        List.<String[]>of(new String[] {"Cookie", "jam_refresh=" + "0".repeat(43)}),
        List.<String[]>of(new String[] {"Cookie", "jam_refresh=; jam_refresh=\u00ff"}),
        List.<String[]>of(new String[] {"Cookie", "jam_refresh=" + "r".repeat(5_000)}))));
  }

  /** Percent-encodes the UTF-8 bytes of every character outside the unreserved set. */
  static String encode(String text) {
    StringBuilder sb = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    s.codePoints().limit(80).forEach(cp -> {
      if (cp < 0x20 || cp >= 0x7f && cp < 0xa0 || Character.getType(cp) == Character.SURROGATE) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return s.length() > 80 ? sb + "…(" + s.length() + " chars)" : sb.toString();
  }

  static byte[] bytes(String before, byte[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] tinyPng() {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0x7a2e8e);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String unsigned(JsonObject claims) {
    return b64(new JsonObject().put("alg", "none").put("typ", "JWT").encode()) + "." + b64(claims.encode()) + ".";
  }

  /** A token signed with the test server's own key, so only its claims decide whether it is refused. */
  private static String signed(String kid, JsonObject claims) {
    String input = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid).encode()) + "." + b64(claims.encode());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static String accessCode() {
    return TestApp.ACCESS_CODE;
  }
}

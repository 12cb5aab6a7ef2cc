package io.jamanager.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads request fields the one safe way: typed, trimmed, NFC-normalised, length-checked, no control characters. */
public final class Fields {

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\r\\t\\u200c\\u200d]]|[\\u2028\\u2029]");
  private static final Pattern LINE_BREAKS = Pattern.compile("[\\n\\r\\t]");

  private Fields() {
  }

  /** A one-line text field; null when absent and not required. */
  public static String text(JsonObject body, String field, int max, boolean required) {
    String value = raw(body, field, max, required, false);
    if (value != null && value.isEmpty() && required) {
      throw ApiError.invalid(field, field + " must not be empty");
    }
    return value;
  }

  /** Multi-line text such as a chord sheet: line breaks and tabs kept, other control characters refused. */
  public static String multiline(JsonObject body, String field, int max) {
    return raw(body, field, max, false, true);
  }

  public static boolean has(JsonObject body, String field) {
    return body.containsKey(field);
  }

  public static Integer integer(JsonObject body, String field, int min, int max, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        throw ApiError.invalid(field, field + " is required");
      }
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
      throw ApiError.invalid(field, field + " must be a whole number from " + min + " to " + max);
    }
    return ((Number) v).intValue();
  }

  public static Long id(JsonObject body, String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        throw ApiError.invalid(field, field + " is required");
      }
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() <= 0) {
      throw ApiError.invalid(field, field + " must be a positive whole number");
    }
    return ((Number) v).longValue();
  }

  public static Boolean bool(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw ApiError.invalid(field, field + " must be true or false");
    }
    return b;
  }

  public static OffsetDateTime dateTime(JsonObject body, String field, boolean required) {
    String v = text(body, field, 40, required);
    if (v == null) {
      return null;
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(v);
      // Years BC or past 9999 parse, but make no sense for a jam and break the date in its slug.
      if (t.getYear() >= 1970 && t.getYear() <= 9999) {
        return t;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw ApiError.invalid(field, field + " must be a date-time such as 2026-11-27T20:00:00Z");
  }

  /** A list of short one-line strings, each normalised; duplicates (ignoring case) dropped. */
  public static List<String> strings(JsonObject body, String field, int maxItems, int maxLength) {
    Object v = body.getValue(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray array) || array.size() > maxItems) {
      throw ApiError.invalid(field, field + " must be a list of at most " + maxItems + " texts");
    }
    List<String> out = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s)) {
        throw ApiError.invalid(field, field + " must contain only texts");
      }
      String clean = clean(s, field, maxLength, false);
      if (clean.isEmpty()) {
        throw ApiError.invalid(field, field + " must not contain empty texts");
      }
      if (out.stream().noneMatch(clean::equalsIgnoreCase)) {
        out.add(clean);
      }
    }
    return out;
  }

  /** An https link; the server never fetches it. */
  public static String httpsLink(JsonObject body, String field) {
    String v = text(body, field, 500, false);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      java.net.URI uri = new java.net.URI(v);
      if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null) {
        return v;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw ApiError.invalid(field, field + " must be an https:// link");
  }

  private static String raw(JsonObject body, String field, int max, boolean required, boolean multiline) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        throw ApiError.invalid(field, field + " is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiError.invalid(field, field + " must be a text");
    }
    return clean(s, field, max, multiline);
  }

  private static String clean(String s, String field, int max, boolean multiline) {
    String normal = Normalizer.normalize(s, Normalizer.Form.NFC);
    // Multi-line text keeps its leading spaces: in a chord sheet they place chords over syllables.
    String value = multiline ? normal.replaceFirst("^(\\s*\\n)+", "").stripTrailing() : normal.strip();
    if (CONTROL.matcher(value).find() || !multiline && LINE_BREAKS.matcher(value).find()) {
      throw ApiError.invalid(field, field + " contains characters that are not allowed");
    }
    if (value.codePointCount(0, value.length()) > max) {
      throw ApiError.invalid(field, field + " must be at most " + max + " characters");
    }
    return value;
  }
}

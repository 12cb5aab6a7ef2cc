package io.jamanager.fuzz;

import java.util.List;
import java.util.Map;

/**
 * Writes generated values as JSON text. Lone surrogates and control characters are written as \\u escapes, so the
 * text is valid UTF-8 and what the server decodes is exactly the hostile string that was generated.
 */
final class JsonText {

  private JsonText() {
  }

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    if (value == null || value == JsonNull.NULL) {
      sb.append("null");
    } else if (value instanceof RawJson raw) {
      sb.append(raw.text());
    } else if (value instanceof Boolean || value instanceof Number) {
      sb.append(value);
    } else if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(first ? "" : ",");
        first = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        write(sb, list.get(i));
      }
      sb.append(']');
    } else {
      string(sb, value.toString());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c) && !validPair(s, i)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else if (Character.isHighSurrogate(c)) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  private static boolean validPair(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
  }
}

package io.jamanager.fuzz;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that writes exactly the bytes it is given (invalid UTF-8 in the path, header values no
 * well-behaved client would send, bodies that contradict their Content-Type) and reads the answer to the end.
 * One connection per request, closed by the server.
 */
final class RawHttp {

  /** What came back; {@code status} is 0 when the server closed without answering. */
  record Answer(int status, Map<String, String> headers, byte[] body, String failure) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonObject json() {
      try {
        return new JsonObject(text());
      } catch (DecodeException | ClassCastException e) {
        return null;
      }
    }
  }

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /**
   * Sends one request. {@code target} and header values are ISO-8859-1 strings: each char is one byte on the wire,
   * so they can carry bytes that are not valid UTF-8.
   */
  Answer send(String method, String target, List<String[]> headers, byte[] body) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(40_000);
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      write(head, method + " " + target + " HTTP/1.1\r\n");
      write(head, "Host: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
      for (String[] h : headers) {
        write(head, h[0] + ": " + h[1] + "\r\n");
      }
      if (body != null) {
        write(head, "Content-Length: " + body.length + "\r\n");
      }
      write(head, "\r\n");
      OutputStream out = socket.getOutputStream();
      String writeFailure = null;
      try {
        out.write(head.toByteArray());
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        // The server may answer (413, 431) and close before reading everything we send.
        writeFailure = "write: " + e.getMessage();
      }
      byte[] raw = readAll(socket.getInputStream());
      return parse(raw, writeFailure);
    } catch (IOException e) {
      return new Answer(0, Map.of(), new byte[0], "io: " + e);
    }
  }

  private static void write(ByteArrayOutputStream out, String latin1) {
    out.writeBytes(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static byte[] readAll(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // A reset after the answer was written still leaves the answer in what we read.
    }
    return out.toByteArray();
  }

  private static Answer parse(byte[] raw, String writeFailure) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      return new Answer(0, Map.of(), raw, writeFailure == null ? "no answer" : writeFailure);
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
    if (status >= 100 && status < 200) {
      // "100 Continue" before the real answer.
      return parse(java.util.Arrays.copyOfRange(raw, end + 4, raw.length), writeFailure);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    } else if (headers.containsKey("content-length")) {
      int length = Integer.parseInt(headers.get("content-length"));
      body = java.util.Arrays.copyOf(body, Math.min(length, body.length));
    }
    return new Answer(status, headers, body, writeFailure);
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < body.length) {
      int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, pos);
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(body, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size = Integer.parseInt(sizeText, 16);
      if (size == 0) {
        break;
      }
      int start = lineEnd + 2;
      out.write(body, start, Math.min(size, body.length - start));
      pos = start + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

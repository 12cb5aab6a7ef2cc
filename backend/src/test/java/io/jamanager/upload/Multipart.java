package io.jamanager.upload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data body as a browser sends it. */
final class Multipart {

  static final String BOUNDARY = "----JaManagerTestBoundary7MA4YWxkTrZu0gW";
  static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  Multipart file(String field, String filename, String contentType, byte[] bytes) {
    text("--" + BOUNDARY + "\r\n");
    text("Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n");
    text("Content-Type: " + contentType + "\r\n\r\n");
    body.writeBytes(bytes);
    text("\r\n");
    return this;
  }

  Multipart field(String name, String value) {
    text("--" + BOUNDARY + "\r\n");
    text("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
    text(value + "\r\n");
    return this;
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(body.toByteArray());
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private void text(String s) {
    body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}

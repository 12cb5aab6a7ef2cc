package io.jamanager.upload;

import java.nio.charset.StandardCharsets;

/** The formats a poster may have, recognised by their first bytes; the file's name and declared type are ignored. */
enum ImageType {
  JPEG("image/jpeg", "JPEG"),
  PNG("image/png", "PNG"),
  WEBP("image/webp", "WebP"),
  GIF("image/gif", "GIF");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final String contentType;
  private final String label;

  ImageType(String contentType, String label) {
    this.contentType = contentType;
    this.label = label;
  }

  String contentType() {
    return contentType;
  }

  /** The name people know the format by, for messages. */
  String label() {
    return label;
  }

  /** The format whose signature the bytes start with, or null. */
  static ImageType sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return JPEG;
    }
    if (startsWith(b, 0, PNG_SIGNATURE)) {
      return PNG;
    }
    if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
      return WEBP;
    }
    if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
      return GIF;
    }
    return null;
  }

  /** Names a few formats people commonly try, so the refusal can say what to do instead. */
  static String describeUnsupported(byte[] b) {
    String head = new String(b, 0, Math.min(b.length, 1024), StandardCharsets.ISO_8859_1).toLowerCase();
    if (head.contains("<svg")) {
      return "SVG images are not accepted as posters because they can carry scripts; upload a JPEG, PNG, WebP or GIF";
    }
    if (startsWith(b, 4, ascii("ftyphei")) || startsWith(b, 4, ascii("ftypmif1"))
      || startsWith(b, 4, ascii("ftypavif"))) {
      return "HEIC and AVIF images are not accepted yet; export the poster as JPEG or PNG";
    }
    return "The poster must be a JPEG, PNG, WebP or GIF image; this file is none of those"
      + " (its contents count, not its name)";
  }

  private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
    if (b.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

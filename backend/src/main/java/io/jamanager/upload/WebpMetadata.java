package io.jamanager.upload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Rewrites a WebP (RIFF) file keeping only the chunks that draw the image; EXIF, XMP and any unknown chunk are
 * dropped and the VP8X flags that announce them cleared. A file whose chunk structure does not add up is refused:
 * passing it through could pass metadata through too.
 */
final class WebpMetadata {

  /** Image data, alpha, animation and colour profile; the profile describes colours, not the photographer. */
  private static final Set<String> KEEP = Set.of("VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP");
  private static final int EXIF_FLAG = 0x08;
  private static final int XMP_FLAG = 0x04;

  private WebpMetadata() {
  }

  static byte[] strip(byte[] webp) {
    if (webp.length < 20) {
      throw damaged();
    }
    long riffSize = u32(webp, 4);
    if (riffSize < 4 || riffSize + 8 > webp.length) {
      throw damaged();
    }
    int end = (int) riffSize + 8;
    ByteArrayOutputStream chunks = new ByteArrayOutputStream(webp.length);
    int pos = 12;
    boolean first = true;
    while (pos < end) {
      if (pos + 8 > end) {
        throw damaged();
      }
      String fourcc = new String(webp, pos, 4, StandardCharsets.US_ASCII);
      long size = u32(webp, pos + 4);
      long padded = size + (size & 1);
      if (pos + 8 + size > end) {
        throw damaged();
      }
      if (first && !fourcc.equals("VP8 ") && !fourcc.equals("VP8L") && !fourcc.equals("VP8X")) {
        throw damaged();
      }
      if (first) {
        checkCanvas(webp, pos + 8, fourcc, (int) size);
      }
      first = false;
      if (KEEP.contains(fourcc)) {
        byte[] chunk = new byte[(int) (8 + padded)];
        // Some encoders omit the last chunk's pad byte; it stays 0 here.
        System.arraycopy(webp, pos, chunk, 0, Math.min(chunk.length, end - pos));
        if (fourcc.equals("VP8X")) {
          chunk[8] &= (byte) ~(EXIF_FLAG | XMP_FLAG);
        }
        chunks.writeBytes(chunk);
      }
      pos += (int) (8 + padded);
    }
    byte[] body = chunks.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 12);
    out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
    int size = body.length + 4;
    out.writeBytes(new byte[] {(byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)});
    out.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** The canvas size from the first chunk, checked against the pixel limit. */
  private static void checkCanvas(byte[] b, int data, String fourcc, int size) {
    switch (fourcc) {
      case "VP8X" -> {
        if (size < 10) {
          throw damaged();
        }
        PosterImages.checkPixels(1 + u24(b, data + 4), 1 + u24(b, data + 7));
      }
      case "VP8 " -> {
        if (size < 10) {
          throw damaged();
        }
        PosterImages.checkPixels(u16(b, data + 6) & 0x3FFF, u16(b, data + 8) & 0x3FFF);
      }
      default -> {
        if (size < 5 || (b[data] & 0xFF) != 0x2F) {
          throw damaged();
        }
        long bits = u32(b, data + 1);
        PosterImages.checkPixels(1 + (bits & 0x3FFF), 1 + (bits >> 14 & 0x3FFF));
      }
    }
  }

  private static RuntimeException damaged() {
    return PosterImages.unsupported("The WebP image is damaged or not a WebP file after all; save it again or use PNG");
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static int u24(byte[] b, int at) {
    return u16(b, at) | (b[at + 2] & 0xFF) << 16;
  }

  private static long u32(byte[] b, int at) {
    return u24(b, at) | (long) (b[at + 3] & 0xFF) << 24;
  }
}

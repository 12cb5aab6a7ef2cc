package io.jamanager.upload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites a GIF keeping only what draws it: header, colour tables, images, graphic control (frame timing and
 * transparency) and the NETSCAPE looping extension. Comments, plain-text blocks and other application extensions
 * (XMP, ICC, editor data) are dropped. GIF has no EXIF; a file whose block structure does not add up is refused.
 */
final class GifMetadata {

  private static final int EXTENSION = 0x21;
  private static final int IMAGE = 0x2C;
  private static final int TRAILER = 0x3B;
  private static final int GRAPHIC_CONTROL = 0xF9;
  private static final int APPLICATION = 0xFF;

  private GifMetadata() {
  }

  static byte[] strip(byte[] gif) {
    if (gif.length < 13) {
      throw damaged();
    }
    PosterImages.checkPixels(u16(gif, 6), u16(gif, 8));
    ByteArrayOutputStream out = new ByteArrayOutputStream(gif.length);
    int pos = 13 + colorTableSize(gif[10]);
    ensure(gif, pos);
    out.write(gif, 0, pos);
    boolean images = false;
    while (true) {
      ensure(gif, pos + 1);
      int block = gif[pos] & 0xFF;
      if (block == TRAILER) {
        break;
      }
      int start = pos;
      if (block == IMAGE) {
        ensure(gif, pos + 10);
        pos += 10 + colorTableSize(gif[pos + 9]);
        ensure(gif, pos + 1);
        pos = skipSubBlocks(gif, pos + 1);
        out.write(gif, start, pos - start);
        images = true;
      } else if (block == EXTENSION) {
        ensure(gif, pos + 2);
        int label = gif[pos + 1] & 0xFF;
        pos = skipSubBlocks(gif, pos + 2);
        if (label == GRAPHIC_CONTROL || label == APPLICATION && isLooping(gif, start + 2)) {
          out.write(gif, start, pos - start);
        }
      } else {
        throw damaged();
      }
    }
    if (!images) {
      throw damaged();
    }
    out.write(TRAILER);
    return out.toByteArray();
  }

  private static boolean isLooping(byte[] gif, int subBlock) {
    if ((gif[subBlock] & 0xFF) != 11 || subBlock + 12 > gif.length) {
      return false;
    }
    String id = new String(gif, subBlock + 1, 11, StandardCharsets.US_ASCII);
    return id.equals("NETSCAPE2.0") || id.equals("ANIMEXTS1.0");
  }

  /** Position after a run of data sub-blocks and its zero terminator. */
  private static int skipSubBlocks(byte[] gif, int pos) {
    while (true) {
      ensure(gif, pos + 1);
      int length = gif[pos] & 0xFF;
      pos += 1 + length;
      if (length == 0) {
        return pos;
      }
    }
  }

  private static int colorTableSize(byte packed) {
    return (packed & 0x80) == 0 ? 0 : 3 * (1 << ((packed & 0x07) + 1));
  }

  private static void ensure(byte[] gif, int end) {
    if (end > gif.length) {
      throw damaged();
    }
  }

  private static RuntimeException damaged() {
    return PosterImages.unsupported("The GIF image is damaged or cut short; save it again or use PNG");
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }
}

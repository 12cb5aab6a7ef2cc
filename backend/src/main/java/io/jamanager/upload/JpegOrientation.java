package io.jamanager.upload;

/**
 * Reads the EXIF orientation of a JPEG (tag 0x0112 in IFD0 of the APP1 "Exif" segment), because re-encoding drops
 * the tag and a phone's portrait photo would otherwise come out lying on its side. Anything unexpected reads as 1.
 */
final class JpegOrientation {

  private static final int SOS = 0xDA;
  private static final int APP1 = 0xE1;
  private static final int ORIENTATION_TAG = 0x0112;

  private JpegOrientation() {
  }

  static int of(byte[] jpeg) {
    int pos = 2;
    while (pos + 4 <= jpeg.length) {
      if (u8(jpeg, pos) != 0xFF) {
        return 1;
      }
      int marker = u8(jpeg, pos + 1);
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      if (marker == SOS || marker == 0xD9) {
        return 1;
      }
      int length = u16(jpeg, pos + 2, false);
      if (length < 2 || pos + 2 + length > jpeg.length) {
        return 1;
      }
      if (marker == APP1 && length >= 8 && isExif(jpeg, pos + 4)) {
        return fromTiff(jpeg, pos + 10, pos + 2 + length);
      }
      pos += 2 + length;
    }
    return 1;
  }

  private static boolean isExif(byte[] b, int at) {
    return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0 && b[at + 5] == 0;
  }

  private static int fromTiff(byte[] b, int tiff, int end) {
    if (tiff + 8 > end) {
      return 1;
    }
    boolean little;
    if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
      little = true;
    } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
      little = false;
    } else {
      return 1;
    }
    long ifd = tiff + u32(b, tiff + 4, little);
    if (ifd < tiff || ifd + 2 > end) {
      return 1;
    }
    int entries = u16(b, (int) ifd, little);
    for (int i = 0; i < entries; i++) {
      int entry = (int) ifd + 2 + i * 12;
      if (entry + 12 > end) {
        return 1;
      }
      if (u16(b, entry, little) == ORIENTATION_TAG) {
        int value = u16(b, entry + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int u8(byte[] b, int at) {
    return b[at] & 0xFF;
  }

  private static int u16(byte[] b, int at, boolean little) {
    return little ? u8(b, at) | u8(b, at + 1) << 8 : u8(b, at) << 8 | u8(b, at + 1);
  }

  private static long u32(byte[] b, int at, boolean little) {
    return little
      ? (long) u16(b, at, true) | (long) u16(b, at + 2, true) << 16
      : (long) u16(b, at, false) << 16 | u16(b, at + 2, false);
  }
}

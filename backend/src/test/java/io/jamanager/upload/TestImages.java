package io.jamanager.upload;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Images built in code, with hand-made metadata, for the upload tests. */
final class TestImages {

  /** Appears only in the planted metadata: its presence in a stored poster means metadata leaked. */
  static final String CAMERA = "SpyCam 3000";
  /** {@link #picture}(40, 20) as a lossy WebP (cwebp -q 90): a bare VP8 chunk. */
  static final byte[] LOSSY_WEBP = Base64.getDecoder().decode("UklGRoAAAABXRUJQVlA4IHQAAABQBQCdASooABQAPjEUiEKiISEYBAAgAwSgDIxoB"
    + "+EH4AbgBhgPwArv/cAAL3mDP7VLOQAA/veil/+vRQy8jgt//4WZ/CzP4WZ/8K4/iENIyxBKEj/D/t89Jd5q//D/mviWtYB5m+18S1rA7YH8DfMk"
    + "xpAAAA==");
  /** 40 × 20, left half red, right half transparent, as a lossless WebP (cwebp -lossless): a VP8L chunk. */
  static final byte[] ALPHA_WEBP = Base64.getDecoder().decode("UklGRiYAAABXRUJQVlA4TBkAAAAvJ8AEEA8Q8x/zHwyBAOHAf60BARH9jxL2AA==");

  private TestImages() {
  }

  /** Left half red, right half blue: orientation changes are visible. */
  static BufferedImage picture(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    return image;
  }

  static byte[] png(int width, int height) {
    return encode(picture(width, height), "png");
  }

  static byte[] jpeg(int width, int height) {
    return encode(picture(width, height), "jpeg");
  }

  static byte[] gif(int width, int height) {
    return encode(picture(width, height), "gif");
  }

  /** Random pixels do not compress: a PNG of about width × height × 3 bytes. */
  static byte[] noisePng(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(42);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return encode(image, "png");
  }

  static BufferedImage read(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JPEG carrying an EXIF APP1 segment with camera make, orientation and a GPS position. */
  static byte[] jpegWithExif(int width, int height, int orientation) {
    byte[] jpeg = jpeg(width, height);
    byte[] exif = exif(orientation);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(0xE1);
    int length = exif.length + 2;
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** "Exif\0\0" and a little-endian TIFF: IFD0 (Make, Orientation, GPS pointer) and a GPS IFD (latitude). */
  private static byte[] exif(int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    int ifd0 = 8;
    int ifd0Size = 2 + 3 * 12 + 4;
    int makeAt = ifd0 + ifd0Size;
    byte[] make = (CAMERA + "\0").getBytes(StandardCharsets.US_ASCII);
    int gpsAt = makeAt + make.length + (make.length & 1);
    int gpsSize = 2 + 2 * 12 + 4;
    int latitudeAt = gpsAt + gpsSize;
    tiff.position(ifd0);
    tiff.putShort((short) 3);
    entry(tiff, 0x010F, 2, make.length, makeAt);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    entry(tiff, 0x8825, 4, 1, gpsAt);
    tiff.putInt(0);
    tiff.position(makeAt);
    tiff.put(make);
    tiff.position(gpsAt);
    tiff.putShort((short) 2);
    tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
    entry(tiff, 0x0002, 5, 3, latitudeAt);
    tiff.putInt(0);
    tiff.position(latitudeAt);
    tiff.putInt(51).putInt(1).putInt(30).putInt(1).putInt(2644).putInt(100);
    int end = tiff.position();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    out.write(tiff.array(), 0, end);
    return out.toByteArray();
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
  }

  /** The markers of a JPEG's segments before its image data. */
  static List<Integer> jpegMarkers(byte[] jpeg) {
    List<Integer> markers = new ArrayList<>();
    int pos = 2;
    while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
      int marker = jpeg[pos + 1] & 0xFF;
      markers.add(marker);
      if (marker == 0xDA) {
        break;
      }
      pos += 2 + ((jpeg[pos + 2] & 0xFF) << 8 | (jpeg[pos + 3] & 0xFF));
    }
    return markers;
  }

  /** A PNG whose header claims the given size (with a correct CRC) over a 1 × 1 image's data. */
  static byte[] pngClaiming(int width, int height) {
    byte[] png = png(1, 1);
    ByteBuffer b = ByteBuffer.wrap(png);
    b.putInt(16, width).putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    b.putInt(29, (int) crc.getValue());
    return png;
  }

  /** {@link #LOSSY_WEBP} in the extended format: VP8X announcing EXIF and XMP, the image, EXIF and XMP naming the camera. */
  static byte[] webpWithMetadata() {
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunks.writeBytes(vp8x(0x0C, 40, 20));
    chunks.writeBytes(lossyWebpChunk());
    chunks.writeBytes(chunk("EXIF", ("II*\0" + CAMERA).getBytes(StandardCharsets.US_ASCII)));
    chunks.writeBytes(chunk("XMP ", ("<x:xmpmeta>" + CAMERA + "</x:xmpmeta>").getBytes(StandardCharsets.US_ASCII)));
    return riff(chunks.toByteArray());
  }

  /** A WebP whose VP8X header claims a canvas of the given size over {@link #LOSSY_WEBP}'s 40 × 20 image. */
  static byte[] webpClaiming(int width, int height) {
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunks.writeBytes(vp8x(0, width, height));
    chunks.writeBytes(lossyWebpChunk());
    return riff(chunks.toByteArray());
  }

  private static byte[] lossyWebpChunk() {
    return java.util.Arrays.copyOfRange(LOSSY_WEBP, 12, LOSSY_WEBP.length);
  }

  /** The extended-format header: flags, then the canvas size minus one in 24-bit little-endian fields. */
  private static byte[] vp8x(int flags, int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(flags);
    b.putShort((short) (width - 1)).put((byte) ((width - 1) >> 16));
    b.putShort((short) (height - 1)).put((byte) ((height - 1) >> 16));
    return chunk("VP8X", b.array());
  }

  private static byte[] riff(byte[] chunks) {
    ByteBuffer b = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(chunks.length + 4).put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put(chunks);
    return b.array();
  }

  private static byte[] chunk(String fourcc, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
    return b.array();
  }

  /** A GIF with a comment and an XMP application extension inserted before its first image. */
  static byte[] gifWithMetadata(int width, int height) {
    byte[] gif = gif(width, height);
    int colorTable = (gif[10] & 0x80) == 0 ? 0 : 3 * (1 << ((gif[10] & 0x07) + 1));
    int at = 13 + colorTable;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(gif, 0, at);
    byte[] comment = ("Shot with " + CAMERA).getBytes(StandardCharsets.US_ASCII);
    out.write(0x21);
    out.write(0xFE);
    out.write(comment.length);
    out.writeBytes(comment);
    out.write(0);
    out.write(0x21);
    out.write(0xFF);
    out.write(11);
    out.writeBytes("XMP DataXMP".getBytes(StandardCharsets.US_ASCII));
    byte[] xmp = ("<x:xmpmeta>" + CAMERA + "</x:xmpmeta>").getBytes(StandardCharsets.US_ASCII);
    out.write(xmp.length);
    out.writeBytes(xmp);
    out.write(0);
    out.write(gif, at, gif.length - at);
    return out.toByteArray();
  }

  /** A looping two-frame GIF: {@link #picture} first, then all blue. */
  static byte[] animatedGif(int width, int height) {
    BufferedImage blue = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blue.createGraphics();
    g.setColor(Color.BLUE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      writer.writeToSequence(new IIOImage(picture(width, height), null, null), null);
      writer.writeToSequence(new IIOImage(blue, null, null), null);
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }

  private static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

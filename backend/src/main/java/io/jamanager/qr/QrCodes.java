package io.jamanager.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes for join links, drawn on the server so phones, projectors and printers get the same picture. Error
 * correction M (survives a smudged or partly covered print); a quiet zone of 4 modules, as ISO/IEC 18004 asks,
 * so a printed code still scans when it is cut out or placed next to a dark edge.
 */
public final class QrCodes {

  static final int QUIET_ZONE = 4;
  /** Larger PNGs are pointless (the SVG scales) and cost memory and time on whatever thread draws them. */
  public static final int MAX_PNG_SIZE = 2048;

  private QrCodes() {
  }

  /**
   * The code as SVG: a white square and one path of black modules, each horizontal run of modules one rectangle,
   * in module units so it stays crisp at any size.
   */
  public static String svg(String text) {
    ByteMatrix m = modules(text);
    int size = m.getWidth() + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      int x = 0;
      while (x < m.getWidth()) {
        if (m.get(x, y) != 1) {
          x++;
          continue;
        }
        int run = 1;
        while (x + run < m.getWidth() && m.get(x + run, y) == 1) {
          run++;
        }
        path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
          .append('h').append(run).append("v1h-").append(run).append('z');
        x += run;
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
      + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
      + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }

  /**
   * The code as a black-and-white PNG of {@code size} × {@code size} pixels (raised to one pixel per module if
   * smaller). Modules are whole pixels, so the code is centred and any remainder widens the white border.
   */
  public static byte[] png(String text, int size) {
    if (size > MAX_PNG_SIZE) {
      throw new IllegalArgumentException("QR PNG size " + size + " exceeds " + MAX_PNG_SIZE);
    }
    ByteMatrix m = modules(text);
    int modules = m.getWidth() + 2 * QUIET_ZONE;
    int side = Math.max(size, modules);
    int scale = side / modules;
    int offset = (side - modules * scale) / 2 + QUIET_ZONE * scale;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
    WritableRaster raster = image.getRaster();
    int[] white = new int[side];
    java.util.Arrays.fill(white, 1);
    for (int y = 0; y < side; y++) {
      raster.setPixels(0, y, side, 1, white);
    }
    int[] black = new int[scale * scale];
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y) == 1) {
          raster.setPixels(offset + x * scale, offset + y * scale, scale, scale, black);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The bare module matrix (1 = black), without quiet zone. */
  private static ByteMatrix modules(String text) {
    try {
      Map<EncodeHintType, ?> hints = Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
      return Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode a QR code for " + text.length() + " characters", e);
    }
  }
}

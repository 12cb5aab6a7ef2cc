package io.jamanager.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodesTest {

  private static final String JOIN_URL = "https://jam.example.com/j/ABC234";

  @Test
  void pngDecodesToTheText() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(JOIN_URL, 512)));
    assertThat(image.getWidth()).isEqualTo(512);
    assertThat(image.getHeight()).isEqualTo(512);
    assertThat(decode(image).getText()).isEqualTo(JOIN_URL);
  }

  @Test
  void pngHasErrorCorrectionMAndAWhiteQuietZone() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(JOIN_URL, 512)));
    Result result = decode(image);
    assertThat(result.getResultMetadata().get(com.google.zxing.ResultMetadataType.ERROR_CORRECTION_LEVEL)).isEqualTo("M");
    for (int i = 0; i < 512; i++) {
      assertThat(image.getRGB(i, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
      assertThat(image.getRGB(0, i) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }
  }

  @Test
  void pngSmallerThanTheModulesGrowsToOnePixelPerModule() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(JOIN_URL, 1)));
    // 29 modules (version 3) plus 2 × 4 quiet zone.
    assertThat(image.getWidth()).isEqualTo(37);
  }

  @Test
  void pngHasAQuietZoneOfFourModules() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(JOIN_URL, 1)));
    int side = image.getWidth();
    int firstDark = side;
    int lastDark = 0;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == 0) {
          firstDark = Math.min(firstDark, Math.min(x, y));
          lastDark = Math.max(lastDark, Math.max(x, y));
        }
      }
    }
    // The finder patterns start right after the quiet zone, on every side.
    assertThat(firstDark).isEqualTo(4);
    assertThat(side - 1 - lastDark).isEqualTo(4);
  }

  @Test
  void svgHasAQuietZoneOfFourModules() {
    String svg = QrCodes.svg(JOIN_URL);
    Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)").matcher(svg);
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = 0;
    int maxY = 0;
    while (run.find()) {
      minX = Math.min(minX, Integer.parseInt(run.group(1)));
      minY = Math.min(minY, Integer.parseInt(run.group(2)));
      maxX = Math.max(maxX, Integer.parseInt(run.group(1)) + Integer.parseInt(run.group(3)));
      maxY = Math.max(maxY, Integer.parseInt(run.group(2)) + 1);
    }
    assertThat(List.of(minX, minY, 37 - maxX, 37 - maxY)).containsOnly(4);
  }

  @Test
  void pngSizeIsBounded() {
    assertThatThrownBy(() -> QrCodes.png(JOIN_URL, 10_000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void svgIsOnePathOfModulesThatDecodesToTheText() throws Exception {
    String svg = QrCodes.svg(JOIN_URL);
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 37 37\"");
    assertThat(svg.split("<path", -1)).hasSize(2);
    assertThat(svg).contains("fill=\"#fff\"").contains("fill=\"#000\"").doesNotContain("<script");
    assertThat(svg.length()).isLessThan(6000);
    assertThat(decode(rasterize(svg, 8)).getText()).isEqualTo(JOIN_URL);
  }

  @Test
  void nonAsciiTextRoundTrips() throws Exception {
    String text = "https://jam.example.com/j/ÄÖÜ-café";
    assertThat(decode(rasterize(QrCodes.svg(text), 8)).getText()).isEqualTo(text);
  }

  /** Draws the SVG's viewBox and "M x y h n v1 h-n z" runs at {@code scale} pixels per module. */
  private static BufferedImage rasterize(String svg, int scale) {
    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
    assertThat(box.find()).isTrue();
    int size = Integer.parseInt(box.group(1));
    BufferedImage image = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, 0xFFFFFF);
      }
    }
    Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(svg);
    int runs = 0;
    while (run.find()) {
      runs++;
      int mx = Integer.parseInt(run.group(1));
      int my = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      for (int y = my * scale; y < (my + 1) * scale; y++) {
        for (int x = mx * scale; x < (mx + length) * scale; x++) {
          image.setRGB(x, y, 0);
        }
      }
    }
    assertThat(runs).isPositive();
    return image;
  }

  private static Result decode(BufferedImage image) throws Exception {
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE,
      DecodeHintType.CHARACTER_SET, "UTF-8"));
  }
}

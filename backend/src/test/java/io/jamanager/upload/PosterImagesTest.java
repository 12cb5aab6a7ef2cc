package io.jamanager.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jamanager.http.ApiError;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PosterImagesTest {

  @Test
  void formatIsRecognisedFromTheBytes() {
    assertThat(ImageType.sniff(TestImages.png(2, 2))).isEqualTo(ImageType.PNG);
    assertThat(ImageType.sniff(TestImages.jpeg(2, 2))).isEqualTo(ImageType.JPEG);
    assertThat(ImageType.sniff(TestImages.gif(2, 2))).isEqualTo(ImageType.GIF);
    assertThat(ImageType.sniff(TestImages.LOSSY_WEBP)).isEqualTo(ImageType.WEBP);
    assertThat(ImageType.sniff("<svg></svg>".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(ImageType.sniff(new byte[0])).isNull();
    assertThat(ImageType.sniff("RIFF0000WAVE".getBytes(StandardCharsets.US_ASCII))).isNull();
  }

  @Test
  void jpegLosesItsExifIncludingGps() {
    byte[] upload = TestImages.jpegWithExif(40, 20, 1);
    assertThat(TestImages.jpegMarkers(upload)).contains(0xE1);
    assertThat(TestImages.contains(upload, TestImages.CAMERA)).isTrue();

    Poster poster = PosterImages.clean(upload);

    assertThat(poster.contentType()).isEqualTo("image/jpeg");
    assertThat(TestImages.jpegMarkers(poster.bytes())).doesNotContain(0xE1);
    assertThat(TestImages.contains(poster.bytes(), "Exif")).isFalse();
    assertThat(TestImages.contains(poster.bytes(), TestImages.CAMERA)).isFalse();
    BufferedImage image = TestImages.read(poster.bytes());
    assertThat(image.getWidth()).isEqualTo(40);
    assertThat(image.getHeight()).isEqualTo(20);
  }

  @Test
  void jpegOrientationIsAppliedBeforeTheTagIsDropped() {
    // Orientation 6: stored sideways, shown turned 90° clockwise, so the red left half ends up on top.
    BufferedImage image = TestImages.read(PosterImages.clean(TestImages.jpegWithExif(40, 20, 6)).bytes());
    assertThat(image.getWidth()).isEqualTo(20);
    assertThat(image.getHeight()).isEqualTo(40);
    assertThat(isRed(image.getRGB(10, 5))).isTrue();
    assertThat(isRed(image.getRGB(10, 35))).isFalse();
  }

  @Test
  void everyOrientationGivesTheUprightSize() {
    for (int orientation = 1; orientation <= 8; orientation++) {
      BufferedImage image = TestImages.read(PosterImages.clean(TestImages.jpegWithExif(40, 20, orientation)).bytes());
      assertThat(image.getWidth()).as("orientation " + orientation).isEqualTo(orientation >= 5 ? 20 : 40);
    }
  }

  @Test
  void pngIsReencodedWithoutTextChunks() {
    byte[] png = TestImages.png(30, 10);
    byte[] withText = insertPngChunk(png, "tEXt", ("Comment\0" + TestImages.CAMERA).getBytes(StandardCharsets.ISO_8859_1));
    Poster poster = PosterImages.clean(withText);
    assertThat(poster.contentType()).isEqualTo("image/png");
    assertThat(TestImages.contains(poster.bytes(), TestImages.CAMERA)).isFalse();
    assertThat(TestImages.read(poster.bytes()).getWidth()).isEqualTo(30);
  }

  @Test
  void largeImagesAreScaledDownToTheMaximumSide() {
    BufferedImage image = TestImages.read(PosterImages.clean(TestImages.png(5000, 1000)).bytes());
    assertThat(image.getWidth()).isEqualTo(PosterImages.MAX_SIDE);
    assertThat(image.getHeight()).isEqualTo(410);
  }

  @Test
  void decompressionBombIsRefusedBeforeDecoding() {
    assertThatThrownBy(() -> PosterImages.clean(TestImages.pngClaiming(30_000, 30_000)))
      .isInstanceOfSatisfying(ApiError.class, e -> {
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.code()).isEqualTo("image_too_large");
      });
  }

  @Test
  void webpLosesExifAndXmpAndBecomesJpeg() {
    byte[] upload = TestImages.webpWithMetadata();
    assertThat(TestImages.contains(upload, TestImages.CAMERA)).isTrue();

    Poster poster = PosterImages.clean(upload);

    assertThat(poster.contentType()).isEqualTo("image/jpeg");
    assertThat(TestImages.jpegMarkers(poster.bytes())).doesNotContain(0xE1);
    assertThat(TestImages.contains(poster.bytes(), TestImages.CAMERA)).isFalse();
    BufferedImage image = TestImages.read(poster.bytes());
    assertThat(image.getWidth()).isEqualTo(40);
    assertThat(image.getHeight()).isEqualTo(20);
    assertThat(isRed(image.getRGB(5, 10))).isTrue();
    assertThat(isRed(image.getRGB(35, 10))).isFalse();
  }

  @Test
  void webpWithTransparencyBecomesPngAndKeepsIt() {
    Poster poster = PosterImages.clean(TestImages.ALPHA_WEBP);

    assertThat(poster.contentType()).isEqualTo("image/png");
    BufferedImage image = TestImages.read(poster.bytes());
    assertThat(image.getWidth()).isEqualTo(40);
    assertThat(isRed(image.getRGB(5, 10))).isTrue();
    assertThat(image.getRGB(35, 10) >>> 24).isZero();
  }

  @Test
  void webpCanvasOverTheWebpLimitIsRefusedBeforeDecoding() {
    // 20 megapixels: under the general limit, over the WebP one.
    assertThatThrownBy(() -> PosterImages.clean(TestImages.webpClaiming(5000, 4000)))
      .isInstanceOfSatisfying(ApiError.class, e -> {
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.getMessage()).contains("16 megapixels");
      });
  }

  @Test
  void truncatedWebpIsRefused() {
    byte[] webp = TestImages.webpWithMetadata();
    byte[] cut = java.util.Arrays.copyOf(webp, 60);
    assertThatThrownBy(() -> PosterImages.clean(cut))
      .isInstanceOfSatisfying(ApiError.class, e -> {
        assertThat(e.status()).isEqualTo(415);
        assertThat(e.getMessage()).contains("WebP image could not be read");
      });
  }

  @Test
  void gifLosesCommentsAndXmpAndBecomesPng() {
    byte[] upload = TestImages.gifWithMetadata(16, 8);
    assertThat(TestImages.contains(upload, TestImages.CAMERA)).isTrue();

    Poster poster = PosterImages.clean(upload);

    assertThat(poster.contentType()).isEqualTo("image/png");
    assertThat(TestImages.contains(poster.bytes(), TestImages.CAMERA)).isFalse();
    assertThat(TestImages.contains(poster.bytes(), "XMP")).isFalse();
    BufferedImage image = TestImages.read(poster.bytes());
    assertThat(image.getWidth()).isEqualTo(16);
    assertThat(isRed(image.getRGB(1, 1))).isTrue();
  }

  @Test
  void animatedGifKeepsItsFirstFrame() {
    BufferedImage image = TestImages.read(PosterImages.clean(TestImages.animatedGif(16, 8)).bytes());
    assertThat(isRed(image.getRGB(1, 1))).isTrue();
  }

  @Test
  void gifCutBeforeItsImageIsRefused() {
    byte[] gif = TestImages.gif(16, 8);
    assertThatThrownBy(() -> PosterImages.clean(java.util.Arrays.copyOf(gif, 20)))
      .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(415));
  }

  @Test
  void damagedJpegIsRefusedWithAClearMessage() {
    byte[] jpeg = TestImages.jpeg(40, 20);
    byte[] header = java.util.Arrays.copyOf(jpeg, 30);
    assertThatThrownBy(() -> PosterImages.clean(header))
      .isInstanceOfSatisfying(ApiError.class, e -> {
        assertThat(e.status()).isEqualTo(415);
        assertThat(e.getMessage()).contains("could not be read");
      });
  }

  @Test
  void limitIsDescribedInMegabytes() {
    assertThat(UploadedFile.megabytes(10 * 1024 * 1024)).isEqualTo("10");
    assertThat(UploadedFile.megabytes(2_621_440)).isEqualTo("2.5");
    assertThat(UploadedFile.megabytes(102_400)).isEqualTo("0.1");
  }

  private static boolean isRed(int rgb) {
    return (rgb >> 16 & 0xFF) > 200 && (rgb & 0xFF) < 60;
  }

  /** Inserts a chunk right after IHDR, with its CRC. */
  private static byte[] insertPngChunk(byte[] png, String type, byte[] data) {
    ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
    chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(chunk.array(), 4, 4 + data.length);
    chunk.putInt((int) crc.getValue());
    int afterIhdr = 8 + 25;
    ByteBuffer out = ByteBuffer.allocate(png.length + chunk.capacity());
    out.put(png, 0, afterIhdr).put(chunk.array()).put(png, afterIhdr, png.length - afterIhdr);
    return out.array();
  }
}

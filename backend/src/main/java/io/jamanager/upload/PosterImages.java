package io.jamanager.upload;

import io.jamanager.http.ApiError;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an uploaded file into a poster that is safe to serve: a recognised image without the metadata phones put
 * in (EXIF with GPS position, camera serials, XMP, comments). Blocking work: run it on a worker thread.
 *
 * <p>Every format is decoded through javax.imageio (the JDK's readers for JPEG, PNG and GIF, TwelveMonkeys' for
 * WebP) and encoded again, which keeps only the pixels; the EXIF orientation of a JPEG is applied first, so portrait
 * photos stay upright. Posters are still images: an animated GIF, PNG or WebP keeps its first frame. JPEG stays JPEG
 * and PNG stays PNG; GIF becomes PNG (lossless, keeps transparency) and WebP becomes PNG when it has transparency,
 * else JPEG. Anything the reader cannot decode is refused rather than passed through.
 */
final class PosterImages {

  /** Longest side of a stored poster: sharp on a venue screen, small enough to send to a room full of phones. */
  static final int MAX_SIDE = 2048;
  /** Larger images are refused before decoding: a small file can declare a huge canvas (a decompression bomb). */
  static final long MAX_PIXELS = 50_000_000L;
  /**
   * The WebP reader decodes a lossless image at full size (4 bytes a pixel) before scaling it down, so WebP gets a
   * lower limit that keeps one decode within a small heap; a 12-megapixel phone photo still fits.
   */
  static final long MAX_WEBP_PIXELS = 16_000_000L;
  private static final float JPEG_QUALITY = 0.88f;

  private PosterImages() {
  }

  static Poster clean(byte[] upload) {
    ImageType type = ImageType.sniff(upload);
    if (type == null) {
      throw unsupported(ImageType.describeUnsupported(upload));
    }
    int orientation = type == ImageType.JPEG ? JpegOrientation.of(upload) : 1;
    BufferedImage decoded = decode(upload, type);
    boolean alpha = decoded.getColorModel().hasAlpha();
    BufferedImage image = orientAndFit(decoded, orientation, alpha);
    ImageType stored = storedAs(type, alpha);
    return Poster.of(stored.contentType(), stored == ImageType.JPEG ? writeJpeg(image) : writePng(image));
  }

  /** JPEG and PNG keep their format; GIF and WebP are stored as the one of those two that suits their pixels. */
  private static ImageType storedAs(ImageType uploaded, boolean alpha) {
    return switch (uploaded) {
      case JPEG -> ImageType.JPEG;
      case PNG, GIF -> ImageType.PNG;
      case WEBP -> alpha ? ImageType.PNG : ImageType.JPEG;
    };
  }

  static ApiError unsupported(String message) {
    return new ApiError(415, "unsupported_image", message, "file");
  }

  private static void checkPixels(long width, long height, long maxPixels) {
    if (width <= 0 || height <= 0) {
      throw unsupported("The image has no pixels; it may be damaged");
    }
    if (width * height > maxPixels) {
      throw new ApiError(413, "image_too_large", "The image is " + width + " × " + height
        + " pixels; posters may have at most " + maxPixels / 1_000_000 + " megapixels", "file");
    }
  }

  /**
   * Decodes the first frame at most about twice {@link #MAX_SIDE} per side: subsampling while reading bounds the
   * memory used. The size is checked from the header before any pixel is decoded.
   */
  private static BufferedImage decode(byte[] upload, ImageType type) {
    String format = type.name().toLowerCase(Locale.ROOT);
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new IllegalStateException("no " + format + " reader in this JVM");
    }
    ImageReader reader = readers.next();
    // Not ImageIO.createImageInputStream, which would copy the upload to a temporary file. The known length also lets
    // the WebP reader refuse a header whose pixels would take over 2048 times the file's size.
    try (ImageInputStream in = new UploadImageStream(upload)) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      checkPixels(width, height, type == ImageType.WEBP ? MAX_WEBP_PIXELS : MAX_PIXELS);
      int step = Math.max(1, Math.max(width, height) / MAX_SIDE);
      ImageReadParam param = reader.getDefaultReadParam();
      param.setSourceSubsampling(step, step, 0, 0);
      return reader.read(0, param);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiError api) {
        throw api;
      }
      throw unsupported("The " + type.label() + " image could not be read; it may be damaged or use an unusual"
        + " colour format (such as CMYK). Save it again as an ordinary RGB " + type.label());
    } finally {
      reader.dispose();
    }
  }

  /** Applies the EXIF orientation (1–8) and scales down to {@link #MAX_SIDE}; the image itself if neither applies. */
  private static BufferedImage orientAndFit(BufferedImage src, int orientation, boolean alpha) {
    int w = src.getWidth();
    int h = src.getHeight();
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(w, h));
    if (scale == 1.0 && (orientation < 2 || orientation > 8)) {
      return src;
    }
    int sw = Math.max(1, (int) Math.round(w * scale));
    int sh = Math.max(1, (int) Math.round(h * scale));
    boolean swap = orientation >= 5 && orientation <= 8;
    int outW = swap ? sh : sw;
    int outH = swap ? sw : sh;
    BufferedImage out = new BufferedImage(outW, outH, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.transform(orientation(orientation, sw, sh));
      g.drawImage(src, 0, 0, sw, sh, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Maps an upright-drawn image of size w × h into its displayed position, per the EXIF orientation values. */
  static AffineTransform orientation(int orientation, int w, int h) {
    return switch (orientation) {
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
      case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
      case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
      default -> new AffineTransform();
    };
  }

  private static byte[] writeJpeg(BufferedImage image) {
    BufferedImage rgb = image;
    if (image.getColorModel().hasAlpha()) {
      rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = rgb.createGraphics();
      g.drawImage(image, 0, 0, null);
      g.dispose();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      // No metadata passed in: the writer adds only its own JFIF header.
      writer.write(null, new IIOImage(rgb, null, null), param);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot encode a JPEG in memory", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static byte[] writePng(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw unsupported("The PNG image uses a pixel format that cannot be stored; save it again as an ordinary PNG");
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot encode a PNG in memory", e);
    }
    return bytes.toByteArray();
  }
}

package io.jamanager.upload;

import java.util.Objects;
import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An upload read in place by the image readers, with its length known. Reading on past its end fails after a while:
 * the WebP reader takes the end of a cut-off lossless image for an endless run of zero bits and would keep a worker
 * thread decoding nothing for minutes (found by {@code PosterImagesPropertiesTest}). A whole image is read past its
 * end only a few times, by readers that look ahead.
 */
final class UploadImageStream extends ImageInputStreamImpl {

  private static final int READS_PAST_END = 1024;

  private final byte[] bytes;
  private int readsPastEnd;

  UploadImageStream(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int read() throws IIOException {
    bitOffset = 0;
    if (streamPos >= bytes.length) {
      return end();
    }
    return bytes[(int) streamPos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IIOException {
    Objects.checkFromIndexSize(off, len, b.length);
    bitOffset = 0;
    if (len == 0) {
      return 0;
    }
    if (streamPos >= bytes.length) {
      return end();
    }
    int n = (int) Math.min(len, bytes.length - streamPos);
    System.arraycopy(bytes, (int) streamPos, b, off, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return bytes.length;
  }

  private int end() throws IIOException {
    if (++readsPastEnd > READS_PAST_END) {
      throw new IIOException("the image goes on past the end of the file");
    }
    return -1;
  }
}

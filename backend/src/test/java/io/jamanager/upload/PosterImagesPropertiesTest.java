package io.jamanager.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.http.ApiError;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Damaged images of every accepted format, through the whole upload path ({@link PosterImages#clean}): the answer
 * is a poster that decodes or the clean refusal (415 unreadable, 413 too large), never another exception. The
 * decoders are libraries, so this is what stands between them and a 500 for a bad file.
 */
class PosterImagesPropertiesTest {

  private static final List<byte[]> SEEDS = List.of(
    TestImages.jpegWithExif(40, 20, 6),
    TestImages.png(30, 10),
    TestImages.gifWithMetadata(16, 8),
    TestImages.animatedGif(16, 8),
    TestImages.webpWithMetadata(),
    TestImages.LOSSY_WEBP,
    TestImages.ALPHA_WEBP);
  /** Where the sizes, chunk lengths and table descriptions of these small files live. */
  private static final int HEADER = 64;

  @Property(tries = 3_000)
  void damagedImageIsCleanedOrRefusedNeverThrowsAnythingElse(@ForAll("damagedImages") byte[] upload) {
    try {
      Poster poster = PosterImages.clean(upload);
      assertThat(poster.contentType()).isIn("image/jpeg", "image/png");
      assertThat(TestImages.read(poster.bytes())).isNotNull();
      Statistics.collect(ImageType.sniff(upload), "cleaned");
    } catch (ApiError e) {
      assertThat(e.status()).isIn(413, 415);
      Statistics.collect(ImageType.sniff(upload), e.status());
    }
  }

  @Provide
  Arbitrary<byte[]> damagedImages() {
    Arbitrary<byte[]> seed = Arbitraries.of(SEEDS);
    return Arbitraries.oneOf(
      seed.flatMap(s -> Arbitraries.integers().between(0, s.length - 1).map(n -> Arrays.copyOf(s, n))),
      seed.flatMap(s -> overwrite(s, s.length)),
      seed.flatMap(s -> overwrite(s, Math.min(HEADER, s.length))),
      seed.flatMap(s -> Combinators.combine(Arbitraries.integers().between(0, s.length), junk())
        .as((at, junk) -> insert(s, at, junk))));
  }

  /** The seed with one to eight bytes among its first {@code within} set to random values. */
  private static Arbitrary<byte[]> overwrite(byte[] seed, int within) {
    Arbitrary<Tuple.Tuple2<Integer, Byte>> change = Combinators.combine(
      Arbitraries.integers().between(0, within - 1), Arbitraries.bytes()).as(Tuple::of);
    return change.list().ofMinSize(1).ofMaxSize(8).map(changes -> {
      byte[] damaged = seed.clone();
      changes.forEach(c -> damaged[c.get1()] = c.get2());
      return damaged;
    });
  }

  private static Arbitrary<byte[]> junk() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(32);
  }

  private static byte[] insert(byte[] seed, int at, byte[] junk) {
    byte[] out = new byte[seed.length + junk.length];
    System.arraycopy(seed, 0, out, 0, at);
    System.arraycopy(junk, 0, out, at, junk.length);
    System.arraycopy(seed, at, out, at + junk.length, seed.length - at);
    return out;
  }
}

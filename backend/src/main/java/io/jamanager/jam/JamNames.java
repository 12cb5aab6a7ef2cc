package io.jamanager.jam;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Readable slugs (name-venue-date) and short join codes that survive being read aloud in a loud room. */
final class JamNames {

  /** No 0/O or 1/I: a join code is typed from a poster or heard over music. */
  private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private JamNames() {
  }

  static String slug(String name, String venue, OffsetDateTime startsAt) {
    String base = slugify(name);
    String v = venue == null ? "" : slugify(venue);
    if (base.length() > 80) {
      base = base.substring(0, 80).replaceAll("-+$", "");
    }
    if (v.length() > 40) {
      v = v.substring(0, 40).replaceAll("-+$", "");
    }
    String date = startsAt.toLocalDate().toString();
    String slug = String.join("-", base.isEmpty() ? "jam" : base, v, date).replaceAll("-+", "-");
    return slug.replaceAll("^-|-$", "");
  }

  static String withSuffix(String slug, int attempt) {
    return attempt == 0 ? slug : slug + "-" + (attempt + 1);
  }

  static String joinCode() {
    StringBuilder sb = new StringBuilder(6);
    for (int i = 0; i < 6; i++) {
      sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
    }
    return sb.toString();
  }

  static String slugify(String text) {
    String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }
}

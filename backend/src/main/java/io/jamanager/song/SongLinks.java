package io.jamanager.song;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links built from a song's title and artist; the server never fetches user-given URLs. */
public final class SongLinks {

  private static final String ULTIMATE_GUITAR = "https://www.ultimate-guitar.com/search.php?search_type=title&value=";

  private SongLinks() {
  }

  /** An Ultimate Guitar search for "title artist", for songs that have no chord sheet of their own. */
  public static String ultimateGuitarSearch(String title, String artist) {
    String query = ((title == null ? "" : title) + " " + (artist == null ? "" : artist)).strip();
    // %20 rather than the form encoder's '+', which not every query parser reads as a space.
    return ULTIMATE_GUITAR + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

package io.jamanager.song;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links built from a song's title and artist; the server never fetches user-given URLs. */
public final class SongLinks {

  private SongLinks() {
  }

  public static String ultimateGuitarSearch(String title, String artist) {
    String query = (title + " " + (artist == null ? "" : artist)).strip();
    return "https://www.ultimate-guitar.com/search.php?search_type=title&value="
      + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }
}

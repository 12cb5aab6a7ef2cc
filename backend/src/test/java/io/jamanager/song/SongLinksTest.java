package io.jamanager.song;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SongLinksTest {

  @Test
  void searchLinkEncodesTitleAndArtistAsOneQuery() {
    assertThat(SongLinks.ultimateGuitarSearch("Sweet Home Chicago", "Robert Johnson")).isEqualTo(
      "https://www.ultimate-guitar.com/search.php?search_type=title&value=Sweet%20Home%20Chicago%20Robert%20Johnson");
  }

  @Test
  void searchLinkEscapesQueryCharactersAndNonAscii() {
    assertThat(SongLinks.ultimateGuitarSearch("Rock & Roll?", "Motörhead"))
      .endsWith("value=Rock%20%26%20Roll%3F%20Mot%C3%B6rhead");
    assertThat(SongLinks.ultimateGuitarSearch("1+1", null)).endsWith("value=1%2B1");
  }

  @Test
  void searchLinkWithoutArtistHasNoTrailingSpace() {
    assertThat(SongLinks.ultimateGuitarSearch("Wonderwall", "")).endsWith("value=Wonderwall");
  }
}

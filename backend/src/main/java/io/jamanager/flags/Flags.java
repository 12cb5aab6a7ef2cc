package io.jamanager.flags;

import io.jamanager.http.ApiError;
import java.util.Map;

/**
 * The feature flags the host switches at run time: rows of {@code feature_flag}, seeded by the baseline migration.
 */
public final class Flags {

  public static final String VOTING = "voting";
  public static final String SUGGESTIONS = "suggestions";
  public static final String PERFORMER_SIGNUP = "performer_signup";
  public static final String CHORD_SHEETS = "chord_sheets";
  public static final String UPLOADS = "uploads";
  public static final String PUBLIC_JAM_LIST = "public_jam_list";

  private static final Map<String, String> WHAT = Map.of(
    VOTING, "Voting",
    SUGGESTIONS, "Song suggestions",
    PERFORMER_SIGNUP, "Performer sign-up",
    CHORD_SHEETS, "Chord sheets",
    UPLOADS, "Poster uploads",
    PUBLIC_JAM_LIST, "The public list of jams");

  private Flags() {
  }

  /** The 403 every route answers while a feature is switched off. */
  public static ApiError disabled(String flag) {
    String what = WHAT.getOrDefault(flag, "This feature");
    return ApiError.forbidden("feature_disabled", what + " is switched off by the host");
  }
}

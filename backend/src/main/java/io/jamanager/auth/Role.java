package io.jamanager.auth;

/** What a token lets its holder do. */
public enum Role {
  /** Runs every jam; logs in with the access code. */
  HOST,
  /** Joined one jam with a name; votes, suggests and signs up there. */
  ATTENDEE,
  /** Anyone with the jam's link: reads it and follows it live. */
  VIEWER,
  /** The venue screen of one jam: read-only. */
  STAGE,
  /** Runs one jam's queue and now-playing beside the host, through a co-host link; nothing else. */
  COHOST;

  public String claim() {
    return name().toLowerCase();
  }

  public static Role fromClaim(String claim) {
    for (Role r : values()) {
      if (r.claim().equals(claim)) {
        return r;
      }
    }
    return null;
  }
}

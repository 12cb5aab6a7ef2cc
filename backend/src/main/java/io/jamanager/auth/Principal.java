package io.jamanager.auth;

/**
 * Who is calling, as proven by a verified token. {@code jamId}, {@code attendeeId} and {@code cohost} are null
 * where they do not apply; {@code issuedAt} is the token's iat in epoch seconds.
 */
public record Principal(Role role, Long jamId, Long attendeeId, CoHost cohost, long issuedAt) {

  /** The co-host link a co-host token was redeemed from, and the name the host gave it. */
  public record CoHost(long id, String name) {
  }

  public boolean isHost() {
    return role == Role.HOST;
  }

  /** May read this jam and follow it live. */
  public boolean canRead(long jam) {
    return isHost() || jamId != null && jamId == jam;
  }

  public boolean isAttendeeOf(long jam) {
    return role == Role.ATTENDEE && jamId != null && jamId == jam;
  }

  public boolean isCoHostOf(long jam) {
    return role == Role.COHOST && jamId != null && jamId == jam;
  }

  /** May run this jam's queue and now-playing: the host, or a co-host of this jam. */
  public boolean runs(long jam) {
    return isHost() || isCoHostOf(jam);
  }
}

package io.jamanager.auth;

/**
 * Who is calling, as proven by a verified token. {@code jamId} and {@code attendeeId} are null where they
 * do not apply; {@code issuedAt} is the token's iat in epoch seconds.
 */
public record Principal(Role role, Long jamId, Long attendeeId, long issuedAt) {

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
}

package io.jamanager.live;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * One committed change of a jam, as every client receives it: {@code {"seq","type","jamId","at","data"}}.
 * Encoded once, however many clients receive it.
 */
public final class JamEvent {

  private final long jamId;
  private final long seq;
  private final String type;
  private final OffsetDateTime at;
  private final JsonObject data;
  private String encoded;

  public JamEvent(long jamId, long seq, String type, OffsetDateTime at, JsonObject data) {
    this.jamId = jamId;
    this.seq = seq;
    this.type = type;
    this.at = at;
    this.data = data;
  }

  public long jamId() {
    return jamId;
  }

  public long seq() {
    return seq;
  }

  public String type() {
    return type;
  }

  public JsonObject toJson() {
    return new JsonObject().put("seq", seq).put("type", type).put("jamId", jamId).put("at", at.toInstant().toString())
      .put("data", data);
  }

  public synchronized String encoded() {
    if (encoded == null) {
      encoded = toJson().encode();
    }
    return encoded;
  }

  public static String address(long jamId) {
    return "jam." + jamId;
  }

  public static String hostAddress(long jamId) {
    return "jam." + jamId + ".host";
  }
}

package io.jamanager.http;

import io.vertx.core.json.JsonObject;

/**
 * A failure the client caused or may act on; rendered as {@code {"status", "error", "message", "field"}}.
 * Carries no stack trace: it is an answer, not a bug.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;

  public ApiError(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  public static ApiError badRequest(String code, String message, String field) {
    return new ApiError(400, code, message, field);
  }

  public static ApiError invalid(String field, String message) {
    return new ApiError(400, "invalid_field", message, field);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message);
  }

  public static ApiError forbidden(String code, String message) {
    return new ApiError(403, code, message);
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, "not_found", what + " not found");
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status).put("error", code).put("message", getMessage());
    if (field != null) {
      json.put("field", field);
    }
    return json;
  }
}

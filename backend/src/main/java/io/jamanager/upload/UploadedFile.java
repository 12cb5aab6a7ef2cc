package io.jamanager.upload;

import io.jamanager.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Reads one file field of a multipart/form-data request into memory, never more than the limit. The router's
 * BodyHandler is not used: without its disk uploads it drops file contents, and with them every poster would take
 * a detour through a temporary file.
 */
final class UploadedFile {

  /** Room for the multipart boundaries and part headers around a file of exactly the limit. */
  private static final long ENVELOPE = 16 * 1024;

  private UploadedFile() {
  }

  /**
   * The bytes of the form field {@code field}. The request must still be paused (nothing read yet). Fails with 415
   * when the body is not multipart, 413 over the limit, 400 when the field is missing or empty.
   */
  static Future<Buffer> read(HttpServerRequest request, String field, long limit) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return Future.failedFuture(new ApiError(415, "unsupported_media_type",
        "Send the poster as multipart/form-data, with the image in the field '" + field + "'"));
    }
    if (request.isEnded()) {
      return Future.failedFuture(missing(field));
    }
    long declared = contentLength(request);
    if (declared > limit + ENVELOPE) {
      return Future.failedFuture(tooLarge(limit));
    }
    Promise<Buffer> result = Promise.promise();
    Buffer file = Buffer.buffer();
    long[] received = {0};
    boolean[] found = {false};
    request.setExpectMultipart(true);
    request.handler(chunk -> {
      received[0] += chunk.length();
      if (received[0] > limit + ENVELOPE) {
        result.tryFail(tooLarge(limit));
      }
    });
    request.uploadHandler(upload -> {
      boolean wanted = field.equals(upload.name()) && !found[0];
      found[0] |= wanted;
      upload.handler(chunk -> {
        if (wanted) {
          if (file.length() + chunk.length() > limit) {
            result.tryFail(tooLarge(limit));
          } else if (!result.future().isComplete()) {
            file.appendBuffer(chunk);
          }
        }
      });
    });
    request.exceptionHandler(result::tryFail);
    request.endHandler(v -> {
      if (!found[0] || file.length() == 0) {
        result.tryFail(missing(field));
      } else {
        result.tryComplete(file);
      }
    });
    if (HttpHeaders.CONTINUE.toString().equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      request.response().writeContinue();
    }
    request.resume();
    return result.future();
  }

  private static ApiError missing(String field) {
    return ApiError.invalid(field, "Attach the image as a non-empty file in the form field '" + field + "'");
  }

  static ApiError tooLarge(long limit) {
    return new ApiError(413, "payload_too_large", "The poster is larger than the limit of " + megabytes(limit) + " MB",
      "file");
  }

  /** The limit as people say it: "10", "2.5" or "0.1". */
  static String megabytes(long bytes) {
    double mb = bytes / (1024.0 * 1024.0);
    String text = String.format(Locale.ROOT, "%.1f", mb);
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }

  private static long contentLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

package io.jamanager.http;

import io.jamanager.docs.ApiDocument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.io.File;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Weighs vertx-openapi's {@link RequestValidator} against the hand-written {@link Fields} on the vote and suggest
 * requests: contract load time, validation cost per request, jar bytes. Run by bench/openapi-validation.sh, not by
 * the test suite; the figures are in bench/RESULTS.md and the decision in docs/architecture.md.
 */
public final class OpenApiValidationBench {

  private static final int FIELDS_ITERATIONS = 200_000;
  private static final int OPENAPI_ITERATIONS = 10_000;
  private static final int ROUNDS = 5;
  /** Ids the JIT cannot fold into constants. */
  private static final String[] IDS = new Random(7).longs(1024, 1, Long.MAX_VALUE)
    .mapToObj(Long::toString).toArray(String[]::new);
  private static final String SUGGESTION = new JsonObject()
    .put("title", "Superstition").put("artist", "Stevie Wonder").put("link", "https://example.com/superstition")
    .put("chordText", "[Verse]\nEb7 Eb7 Eb7 Eb7\nVery superstitious, writing's on the wall\n").encode();
  private static final Map<String, RequestParameter> NONE = Map.of();
  private static final Set<String> SUPPORTED_MEDIA = Set.of("application/json", "application/json; charset=utf-8",
    "multipart/form-data", "application/hal+json", "application/octet-stream", "text/plain", "text/plain; charset=utf-8");

  private static long sink;

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      long start = System.nanoTime();
      JsonObject tree = ApiDocument.load().tree();
      double firstParseMs = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      OpenAPIContract contract = await(OpenAPIContract.from(vertx, supported(tree)));
      double firstBuildMs = (System.nanoTime() - start) / 1e6;
      double[] reloads = new double[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        long t = System.nanoTime();
        await(OpenAPIContract.from(vertx, supported(ApiDocument.load().tree())));
        reloads[i] = (System.nanoTime() - t) / 1e6;
      }
      RequestValidator validator = RequestValidator.create(vertx, contract);

      Buffer suggestBody = Buffer.buffer(SUGGESTION);
      ValidatableRequest vote = request(Map.of("jamId", "42", "itemId", "7"), null);
      ValidatableRequest suggest = request(Map.of("jamId", "42"), suggestBody);
      // Check both sides accept the same requests before timing them.
      await(validator.validate(vote, "vote"));
      await(validator.validate(suggest, "suggestSong"));

      JsonObject copy = tree.copy();
      System.out.printf("contract: relative server URL and %d media types vertx-openapi does not support taken out%n",
        dropUnsupportedMedia(copy.getJsonObject("paths")) + dropUnsupportedMedia(copy.getJsonObject("components")));
      System.out.printf("contract load, first in this JVM (class loading included): YAML parse %.0f ms + contract %.0f ms;"
        + " again, both: median %.0f ms of %d%n", firstParseMs, firstBuildMs, median(reloads), ROUNDS);
      int[] next = new int[1];
      report("vote, Fields (path ids parsed as Access.longParam does)", FIELDS_ITERATIONS,
        () -> fieldsVote(IDS[next[0]++ & 1023], IDS[next[0] & 1023]));
      report("a worker round trip alone (vertx.executeBlocking, joined)", OPENAPI_ITERATIONS,
        () -> vertx.executeBlocking(() -> 1).toCompletionStage().toCompletableFuture().join());
      report("vote, vertx-openapi RequestValidator", OPENAPI_ITERATIONS, () -> openapi(validator, vote, "vote"));
      report("suggest, Fields (JSON body parsed + fields)", FIELDS_ITERATIONS,
        () -> fieldsSuggest(IDS[next[0]++ & 1023], suggestBody));
      report("suggest, vertx-openapi RequestValidator (JSON body parsed + schema)", OPENAPI_ITERATIONS,
        () -> openapi(validator, request(Map.of("jamId", "42"), suggestBody), "suggestSong"));
      long jarBytes = jarBytes(OpenAPIContract.class) + jarBytes(io.vertx.json.schema.SchemaRepository.class);
      System.out.printf("jar bytes added (vertx-openapi + vertx-json-schema; snakeyaml is already shipped): %d (%.0f KB)%n",
        jarBytes, jarBytes / 1024.0);
      System.out.println("sink " + sink);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * vertx-openapi 5.0.10 refuses our contract as it is: the relative server URL ({@code /api/v1}) and any media type
   * beyond JSON, multipart, octet-stream and plain text (our CSV, SVG, PNG and image answers). A copy without them.
   */
  private static JsonObject supported(JsonObject tree) {
    JsonObject copy = tree.copy();
    copy.put("servers", new JsonArray().add(new JsonObject().put("url", "http://localhost/api/v1")));
    dropUnsupportedMedia(copy.getJsonObject("paths"));
    dropUnsupportedMedia(copy.getJsonObject("components"));
    return copy;
  }

  /** Removes the media types the validator refuses from every {@code content} map under node; answers how many. */
  private static int dropUnsupportedMedia(Object node) {
    int dropped = 0;
    if (node instanceof JsonObject object) {
      if (object.getValue("content") instanceof JsonObject content) {
        int before = content.size();
        content.fieldNames().removeIf(type -> !SUPPORTED_MEDIA.contains(type));
        dropped += before - content.size();
      }
      for (Map.Entry<String, Object> entry : object) {
        dropped += dropUnsupportedMedia(entry.getValue());
      }
    } else if (node instanceof JsonArray array) {
      for (Object item : array) {
        dropped += dropUnsupportedMedia(item);
      }
    }
    return dropped;
  }

  private static ValidatableRequest request(Map<String, String> path, Buffer body) {
    Map<String, RequestParameter> params = new HashMap<>();
    path.forEach((name, value) -> params.put(name, new RequestParameterImpl(value)));
    return body == null ? new ValidatableRequestImpl(NONE, NONE, params, NONE)
      : new ValidatableRequestImpl(NONE, NONE, params, NONE, new RequestParameterImpl(body), "application/json");
  }

  private static int fieldsVote(String jamId, String itemId) {
    return (int) (positive(jamId) ^ positive(itemId));
  }

  private static long positive(String raw) {
    long id = Long.parseLong(raw);
    if (id <= 0) {
      throw ApiError.notFound("Jam");
    }
    return id;
  }

  private static int fieldsSuggest(String jamId, Buffer raw) {
    JsonObject body = new JsonObject(raw);
    Long songId = Fields.id(body, "songId", false);
    String title = Fields.text(body, "title", 200, true);
    String artist = Fields.text(body, "artist", 200, false);
    String link = Fields.httpsLink(body, "link");
    String chords = Fields.multiline(body, "chordText", 50_000);
    return (int) positive(jamId) + (songId == null ? 0 : 1) + title.length() + artist.length() + link.length() + chords.length();
  }

  /** Waits for the answer: the validator runs each request on a worker thread (executeBlocking) and back. */
  private static int openapi(RequestValidator validator, ValidatableRequest request, String operationId) {
    return validator.validate(request, operationId).toCompletionStage().toCompletableFuture().join()
      .getPathParameters().size();
  }

  /** Warms up with as many calls as it then times, in each of {@link #ROUNDS} rounds. */
  private static void report(String name, int iterations, IntSupplier op) {
    for (int i = 0; i < iterations; i++) {
      sink += op.getAsInt();
    }
    double[] micros = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        sink += op.getAsInt();
      }
      micros[r] = (System.nanoTime() - start) / 1e3 / iterations;
    }
    Arrays.sort(micros);
    System.out.printf("%-70s median %.3f µs/op (best %.3f, worst %.3f; %d rounds of %,d)%n",
      name, median(micros), micros[0], micros[ROUNDS - 1], ROUNDS, iterations);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static long jarBytes(Class<?> type) {
    return new File(type.getProtectionDomain().getCodeSource().getLocation().getPath()).length();
  }
}

package io.jamanager.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jamanager.auth.Tokens;
import io.jamanager.support.Api;
import io.jamanager.support.Http;
import io.jamanager.support.TestApp;
import io.jamanager.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PosterRoutesTest {

  /** Small, so the size limit is cheap to cross: 0.1 MB. */
  private static final int LIMIT = 102_400;
  private static final AtomicInteger JAMS = new AtomicInteger();

  private static TestApp app;
  private static Http http;
  private static String host;
  private static Tokens tokens;

  @BeforeAll
  static void start() {
    app = TestApp.start(Map.of("MAX_UPLOAD_BYTES", String.valueOf(LIMIT)));
    http = new Http(app.port());
    // Once per class: logins are rate limited, and the token outlives every reset.
    host = new Api(http).hostToken();
    tokens = new Tokens(app.app().vertx(), app.config().jwtKeys());
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
  }

  @BeforeEach
  void reset() {
    TestDatabase.reset();
  }

  @Test
  void pngNamedTxtIsAcceptedAsPng() {
    long jam = jam();
    Http.Response r = upload(jam, "notes.txt", "text/plain", TestImages.png(64, 32), host);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String url = r.json().getString("posterUrl");
    assertThat(url).matches("/api/v1/posters/[0-9a-f]{64}");
    assertThat(TestDatabase.count("select count(*) from jam where id = " + jam + " and '/api/v1/posters/' || poster_sha256 = '"
      + url + "'")).isEqualTo(1);

    HttpResponse<byte[]> image = getBytes(url, Map.of());
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(TestImages.read(image.body()).getWidth()).isEqualTo(64);
  }

  @Test
  void posterIsServedImmutableAndNeverSniffed() {
    String url = upload(jam(), "poster.png", "image/png", TestImages.png(8, 8), host).json().getString("posterUrl");
    HttpResponse<byte[]> image = getBytes(url, Map.of("Accept-Encoding", "gzip"));
    assertThat(image.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(image.headers().firstValue("Content-Disposition")).hasValue("inline");
    assertThat(image.headers().firstValue("Content-Encoding")).isEmpty();
    String etag = image.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> again = getBytes(url, Map.of("If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void storedBytesAreAddressedByTheirSha256() throws Exception {
    String url = upload(jam(), "p.png", "image/png", TestImages.png(8, 8), host).json().getString("posterUrl");
    byte[] body = getBytes(url, Map.of()).body();
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
    assertThat(url).endsWith("/" + sha);
  }

  @Test
  void uploadEmitsJamUpdatedInTheSameTransaction() throws Exception {
    long jam = jam();
    String url = upload(jam, "p.png", "image/png", TestImages.png(8, 8), host).json().getString("posterUrl");
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select e.type, e.data::text, e.seq, j.seq from jam_event e join jam j on j.id = e.jam_id"
           + " where e.jam_id = " + jam)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("jam.updated");
      JsonObject updated = new JsonObject(rs.getString(2)).getJsonObject("jam");
      assertThat(updated.getLong("id")).isEqualTo(jam);
      assertThat(updated.getString("posterUrl")).isEqualTo(url);
      assertThat(updated.getString("joinUrl")).endsWith("/j/" + updated.getString("joinCode"));
      assertThat(rs.getLong(3)).isEqualTo(rs.getLong(4));
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void textFileNamedPngIsRefused() {
    long jam = jam();
    Http.Response r = upload(jam, "poster.png", "image/png", "just some text, honest".getBytes(), host);
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.json().getString("error")).isEqualTo("unsupported_image");
    assertThat(r.json().getString("message")).contains("JPEG, PNG, WebP or GIF");
    assertNothingStored(jam);
  }

  @Test
  void svgIsRefusedSayingWhy() {
    long jam = jam();
    byte[] svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes();
    Http.Response r = upload(jam, "poster.svg", "image/svg+xml", svg, host);
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.json().getString("error")).isEqualTo("unsupported_image");
    assertThat(r.json().getString("message")).contains("SVG");
    assertNothingStored(jam);
  }

  @Test
  void jpegWithExifGpsComesBackWithoutIt() {
    byte[] upload = TestImages.jpegWithExif(60, 40, 1);
    String url = upload(jam(), "IMG_0001.JPG", "image/jpeg", upload, host).json().getString("posterUrl");
    HttpResponse<byte[]> image = getBytes(url, Map.of());
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(TestImages.jpegMarkers(image.body())).doesNotContain(0xE1);
    assertThat(TestImages.contains(image.body(), TestImages.CAMERA)).isFalse();
    assertThat(TestImages.read(image.body()).getWidth()).isEqualTo(60);
  }

  @Test
  void webpAndGifAreStoredAsJpegAndPngWithoutTheirMetadata() {
    Map<String, byte[]> uploads = Map.of("image/jpeg", TestImages.webpWithMetadata(), "image/png",
      TestImages.gifWithMetadata(10, 10));
    uploads.forEach((storedType, upload) -> {
      Http.Response r = upload(jam(), "poster.bin", "application/octet-stream", upload, host);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      HttpResponse<byte[]> stored = getBytes(r.json().getString("posterUrl"), Map.of());
      assertThat(stored.headers().firstValue("Content-Type")).hasValue(storedType);
      assertThat(TestImages.contains(stored.body(), TestImages.CAMERA)).isFalse();
    });
  }

  @Test
  void oversizeUploadIs413NamingTheLimitInMegabytes() {
    long jam = jam();
    Http.Response r = upload(jam, "big.png", "image/png", TestImages.noisePng(300, 300), host);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().getString("error")).isEqualTo("payload_too_large");
    assertThat(r.json().getString("message")).contains("0.1 MB");
    assertNothingStored(jam);
  }

  @Test
  void oversizeUploadWithoutContentLengthIsCutOff() {
    long jam = jam();
    byte[] body = new Multipart().file("file", "big.png", "image/png", TestImages.noisePng(300, 300)).bytes();
    HttpRequest request = http.request("/api/v1/jams/" + jam + "/poster")
      .header("Authorization", "Bearer " + host)
      .header("Content-Type", Multipart.CONTENT_TYPE)
      .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
      .build();
    int status;
    try {
      status = http.send(request).status();
    } catch (RuntimeException e) {
      // The server may close the connection before the client has finished sending: also a refusal.
      status = 413;
    }
    assertThat(status).isEqualTo(413);
    assertNothingStored(jam);
    assertThat(http.get("/api/v1/flags").status()).isEqualTo(200);
  }

  @Test
  void hugeDimensionsAreRefused() {
    Http.Response r = upload(jam(), "bomb.png", "image/png", TestImages.pngClaiming(40_000, 40_000), host);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().getString("error")).isEqualTo("image_too_large");
  }

  @Test
  void uploadsFlagOffRefusesEvenAValidImage() {
    long jam = jam();
    assertThat(http.send("PUT", "/api/v1/flags/uploads", new JsonObject().put("enabled", false), host).status()).isEqualTo(200);
    Http.Response r = upload(jam, "p.png", "image/png", TestImages.png(8, 8), host);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("error")).isEqualTo("feature_disabled");
    assertNothingStored(jam);
  }

  @Test
  void onlyTheHostUploads() {
    long jam = jam();
    byte[] png = TestImages.png(8, 8);
    assertThat(upload(jam, "p.png", "image/png", png, null).status()).isEqualTo(401);
    assertThat(upload(jam, "p.png", "image/png", png, "forged").status()).isEqualTo(401);
    Http.Response asViewer = upload(jam, "p.png", "image/png", png, tokens.viewer(jam).token());
    assertThat(asViewer.status()).isEqualTo(403);
    assertThat(asViewer.json().getString("error")).isEqualTo("host_only");
    assertThat(upload(jam, "p.png", "image/png", png, tokens.stage(jam).token()).status()).isEqualTo(403);
    assertNothingStored(jam);
  }

  @Test
  void unknownJamIs404() {
    assertThat(upload(987_654, "p.png", "image/png", TestImages.png(8, 8), host).status()).isEqualTo(404);
    assertThat(upload(0, "p.png", "image/png", TestImages.png(8, 8), host).status()).isEqualTo(404);
  }

  @Test
  void bodyMustBeMultipartWithAFileField() {
    long jam = jam();
    Http.Response json = http.send("PUT", "/api/v1/jams/" + jam + "/poster", new JsonObject().put("file", "x"), host);
    assertThat(json.status()).isEqualTo(415);
    assertThat(json.json().getString("error")).isEqualTo("unsupported_media_type");

    Http.Response noFile = send(jam, new Multipart().field("title", "no file here").bytes(), host);
    assertThat(noFile.status()).isEqualTo(400);
    assertThat(noFile.json().getString("field")).isEqualTo("file");

    Http.Response emptyFile = send(jam, new Multipart().file("file", "p.png", "image/png", new byte[0]).bytes(), host);
    assertThat(emptyFile.status()).isEqualTo(400);

    Http.Response otherField = send(jam, new Multipart().file("image", "p.png", "image/png", TestImages.png(4, 4)).bytes(), host);
    assertThat(otherField.status()).isEqualTo(400);
    assertNothingStored(jam);
  }

  @Test
  void sameImageForTwoJamsIsStoredOnce() {
    byte[] png = TestImages.png(8, 8);
    String a = upload(jam(), "a.png", "image/png", png, host).json().getString("posterUrl");
    String b = upload(jam(), "b.png", "image/png", png, host).json().getString("posterUrl");
    assertThat(a).isEqualTo(b);
    assertThat(TestDatabase.count("select count(*) from poster")).isEqualTo(1);
  }

  @Test
  void replacedPosterIsDeletedUnlessAnotherJamShowsIt() throws Exception {
    long first = jam();
    long second = jam();
    byte[] shared = TestImages.png(8, 8);
    upload(first, "a.png", "image/png", shared, host);
    upload(second, "a.png", "image/png", shared, host);
    upload(first, "b.png", "image/png", TestImages.png(9, 9), host);
    assertThat(TestDatabase.count("select count(*) from poster")).isEqualTo(2);

    upload(second, "c.png", "image/png", TestImages.png(10, 10), host);
    // The delete runs after the answer: give it a moment.
    for (int i = 0; i < 50 && TestDatabase.count("select count(*) from poster") != 2; i++) {
      Thread.sleep(20);
    }
    assertThat(TestDatabase.count("select count(*) from poster")).isEqualTo(2);
    assertThat(TestDatabase.count("select count(*) from poster p where exists"
      + " (select 1 from jam j where j.poster_sha256 = p.sha256)")).isEqualTo(2);
  }

  @Test
  void unknownOrMalformedPosterIsJson404() {
    for (String sha : new String[] {"0".repeat(64), "abc", "A".repeat(64), "../../etc/passwd"}) {
      Http.Response r = http.get("/api/v1/posters/" + sha);
      assertThat(r.status()).as(sha).isEqualTo(404);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
    }
  }

  @Test
  void refusedUploadDoesNotBreakTheNextRequest() {
    long jam = jam();
    // A body small enough to be written whole before the 401 comes back: with a larger one the
    // client may see its write fail (the server refuses before reading it) instead of the answer.
    byte[] png = TestImages.png(8, 8);
    assertThat(upload(jam, "p.png", "image/png", png, null).status()).isEqualTo(401);
    assertThat(upload(jam, "p.png", "image/png", TestImages.png(8, 8), host).status()).isEqualTo(200);
  }

  private static long jam() {
    int n = JAMS.incrementAndGet();
    try (Connection c = TestDatabase.connect();
         PreparedStatement s = c.prepareStatement(
           "insert into jam (slug, join_code, name, starts_at) values (?, ?, ?, now()) returning id")) {
      s.setString(1, "poster-jam-" + n);
      s.setString(2, String.format("PJ%04d", n).replace('0', 'A').replace('1', 'B'));
      s.setString(3, "Poster jam " + n);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Http.Response upload(long jam, String filename, String type, byte[] bytes, String token) {
    return send(jam, new Multipart().file("file", filename, type, bytes).bytes(), token);
  }

  private static Http.Response send(long jam, byte[] body, String token) {
    HttpRequest.Builder b = http.request("/api/v1/jams/" + jam + "/poster")
      .header("Content-Type", Multipart.CONTENT_TYPE)
      .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build());
  }

  private static HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) {
    HttpRequest.Builder b = http.request(path).GET();
    headers.forEach(b::header);
    try {
      return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        .send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertNothingStored(long jam) {
    assertThat(TestDatabase.count("select count(*) from poster")).isZero();
    assertThat(TestDatabase.count("select count(*) from jam where id = " + jam + " and poster_sha256 is not null")).isZero();
    assertThat(TestDatabase.count("select count(*) from jam_event where jam_id = " + jam)).isZero();
  }
}

package io.jamanager.song;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.auth.Access;
import io.jamanager.auth.Principal;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Fields;
import io.jamanager.http.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** The song library: anyone may search and read it (attendees pick songs from it); only the host edits it. */
public final class SongRoutes implements ApiRoutes {

  static final int QUERY_MAX = 100;
  private static final int QUERY_WORDS_MAX = 10;

  private final Access access;
  private final SongRepository songs;

  public SongRoutes(Access access, SongRepository songs) {
    this.access = access;
    this.songs = songs;
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/songs").handler(this::search);
    router.get(API + "/songs/:songId").handler(access.optional()).handler(this::get);
    router.post(API + "/songs").handler(access.host()).handler(this::create);
    router.patch(API + "/songs/:songId").handler(access.host()).handler(this::update);
    router.delete(API + "/songs/:songId").handler(access.host()).handler(this::delete);
  }

  private void search(RoutingContext ctx) {
    List<String> words = words(ctx.queryParams().get("q"));
    songs.search(words)
      .map(list -> new JsonArray(list.stream().map(song -> song.toJson(false)).toList()))
      .onSuccess(array -> Json.ok(ctx, array))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = songId(ctx);
    Principal principal = Access.principal(ctx);
    songs.find(id, principal != null && principal.isHost())
      .compose(SongRoutes::found)
      .onSuccess(song -> Json.ok(ctx, song.toJson(true)))
      .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    SongInput input = SongInput.create(Json.body(ctx));
    songs.create(input)
      .onSuccess(song -> Json.created(ctx, song.toJson(true)))
      .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    long id = songId(ctx);
    UnaryOperator<SongInput> change = SongInput.patch(Json.body(ctx));
    songs.update(id, change)
      .compose(SongRoutes::found)
      .onSuccess(song -> Json.ok(ctx, song.toJson(true)))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long id = songId(ctx);
    songs.delete(id)
      .compose(deleted -> deleted ? Future.succeededFuture() : Future.failedFuture(ApiError.notFound("Song")))
      .onSuccess(v -> Json.noContent(ctx))
      .onFailure(ctx::fail);
  }

  private static long songId(RoutingContext ctx) {
    return Access.longParam(ctx, "songId", "Song");
  }

  private static Future<Song> found(Song song) {
    return song == null ? Future.failedFuture(ApiError.notFound("Song")) : Future.succeededFuture(song);
  }

  /** The search words, held to the same rules as any text field; none means "every song". */
  private static List<String> words(String q) {
    String query = q == null ? "" : Fields.text(new JsonObject().put("q", q), "q", QUERY_MAX, false);
    List<String> words = Arrays.stream(query.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    if (words.size() > QUERY_WORDS_MAX) {
      throw ApiError.invalid("q", "q may have at most " + QUERY_WORDS_MAX + " words");
    }
    return words;
  }
}

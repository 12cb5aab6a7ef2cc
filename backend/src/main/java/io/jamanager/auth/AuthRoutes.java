package io.jamanager.auth;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Json;
import io.jamanager.http.Throttle;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Host sessions: the access code buys a short-lived access token and a refresh token in an HttpOnly
 * cookie that rotates on every use. Cookie-authenticated calls also need the X-Requested-With header,
 * which a cross-site form cannot send.
 */
public final class AuthRoutes implements ApiRoutes {

  public static final String REFRESH_COOKIE = "jam_refresh";
  public static final String CSRF_HEADER = "X-Requested-With";
  private static final String COOKIE_PATH = API + "/auth";

  private final Tokens tokens;
  private final byte[] accessCode;
  private final Throttle throttle;
  private final Access access;
  private final RefreshTokenRepository refreshTokens;

  public AuthRoutes(Access access, String accessCode, Throttle throttle, Pool pool) {
    this.access = access;
    this.tokens = access.tokens();
    this.accessCode = accessCode.getBytes(StandardCharsets.UTF_8);
    this.throttle = throttle;
    this.refreshTokens = new RefreshTokenRepository(pool);
  }

  @Override
  public void mount(Router router) {
    router.post(API + "/auth/login").handler(throttle.login()).handler(this::login);
    router.post(API + "/auth/refresh").handler(throttle.login()).handler(this::refresh);
    router.post(API + "/auth/logout").handler(this::logout);
    router.post(API + "/auth/logout-all").handler(access.host()).handler(this::logoutEverywhere);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    Object given = body.getValue("accessCode");
    if (!(given instanceof String code) || code.isEmpty()) {
      throw ApiError.invalid("accessCode", "accessCode is required");
    }
    // Constant-time comparison: the answer time must not reveal how much of the code was right.
    if (!MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8), accessCode)) {
      throw new ApiError(401, "invalid_access_code", "That access code is not right");
    }
    refreshTokens.issue().onSuccess(refresh -> session(ctx, refresh)).onFailure(ctx::fail);
  }

  private void refresh(RoutingContext ctx) {
    String presented = cookieBoundToThisSite(ctx);
    refreshTokens.rotate(presented).onSuccess(outcome -> {
      if (outcome instanceof RefreshTokenRepository.Rotated rotated) {
        session(ctx, rotated.token());
      } else {
        clearCookie(ctx);
        boolean reused = ((RefreshTokenRepository.Refused) outcome).reused();
        ctx.fail(new ApiError(401, reused ? "session_revoked" : "invalid_session", reused
          ? "This session was used from somewhere else and has been closed; log in again"
          : "Your session has expired; log in again"));
      }
    }).onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    String presented = cookieBoundToThisSite(ctx);
    refreshTokens.revokeFamilyOf(presented).onSuccess(v -> {
      clearCookie(ctx);
      Json.noContent(ctx);
    }).onFailure(ctx::fail);
  }

  private void logoutEverywhere(RoutingContext ctx) {
    refreshTokens.revokeAll().compose(v -> access.revokeHostTokens()).onSuccess(v -> {
      clearCookie(ctx);
      Json.noContent(ctx);
    }).onFailure(ctx::fail);
  }

  /** The refresh cookie, once the request proved it came from our own pages. */
  private static String cookieBoundToThisSite(RoutingContext ctx) {
    if (ctx.request().getHeader(CSRF_HEADER) == null) {
      throw ApiError.forbidden("csrf", "This request needs the " + CSRF_HEADER + " header");
    }
    Cookie cookie = ctx.request().getCookie(REFRESH_COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      throw new ApiError(401, "invalid_session", "There is no session to continue; log in again");
    }
    return cookie.getValue();
  }

  private void session(RoutingContext ctx, String refresh) {
    ctx.response().addCookie(Cookie.cookie(REFRESH_COOKIE, refresh)
      .setHttpOnly(true).setSecure(true).setSameSite(CookieSameSite.STRICT).setPath(COOKIE_PATH)
      .setMaxAge(RefreshTokenRepository.LIFETIME.toSeconds()));
    Tokens.Issued issued = tokens.host();
    Json.ok(ctx, new JsonObject().put("token", issued.token()).put("expiresAt", issued.expiresAt().toString())
      .put("role", Role.HOST.claim()));
  }

  private static void clearCookie(RoutingContext ctx) {
    ctx.response().addCookie(Cookie.cookie(REFRESH_COOKIE, "")
      .setHttpOnly(true).setSecure(true).setSameSite(CookieSameSite.STRICT).setPath(COOKIE_PATH).setMaxAge(0));
  }
}

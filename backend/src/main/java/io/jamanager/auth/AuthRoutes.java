package io.jamanager.auth;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Json;
import io.jamanager.http.Throttle;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Host login with the access code. */
public final class AuthRoutes implements ApiRoutes {

  private final Tokens tokens;
  private final byte[] accessCode;

  private final Throttle throttle;

  public AuthRoutes(Tokens tokens, String accessCode, Throttle throttle) {
    this.tokens = tokens;
    this.throttle = throttle;
    this.accessCode = accessCode.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void mount(Router router) {
    router.post(API + "/auth/login").handler(throttle.login()).handler(this::login);
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
    Tokens.Issued issued = tokens.host();
    Json.ok(ctx, new JsonObject().put("token", issued.token()).put("expiresAt", issued.expiresAt().toString())
      .put("role", Role.HOST.claim()));
  }
}

package io.jamanager.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Baseline browser protections on every answer; the SPA runs under this CSP without inline scripts. */
public final class SecurityHeaders implements Handler<RoutingContext> {

  static final String CONTENT_SECURITY_POLICY = String.join("; ",
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'");

  private static final java.util.regex.Pattern STAGE_PAGE = java.util.regex.Pattern.compile("/jams/[^/]+/stage/?");

  private final String stagePolicy;

  /** @param stageFrameAncestors origins that may frame the stage screen (space separated), or empty for none */
  public SecurityHeaders(String stageFrameAncestors) {
    this.stagePolicy = stageFrameAncestors.isBlank() ? null
      : CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors " + stageFrameAncestors.trim());
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    boolean embeddableStage = stagePolicy != null && STAGE_PAGE.matcher(ctx.request().path()).matches();
    headers.set("Content-Security-Policy", embeddableStage ? stagePolicy : CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    if (!embeddableStage) {
      headers.set("X-Frame-Options", "DENY");
    }
    headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    if (ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"))) {
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    ctx.next();
  }
}

package io.jamanager.config;

/**
 * Every setting JaManager reads, with its default and meaning. The same names work in the
 * environment and in the optional config file; check-config and the docs are generated from here.
 */
public enum Setting {
  APP_ENV("development", "development or production; production refuses unsafe settings", false),
  PORT("8080", "HTTP port", false),
  HOST("0.0.0.0", "interface to bind", false),
  METRICS_PORT("", "port of the Prometheus /metrics endpoint, bound on HOST; empty = " + AppConfig.PRODUCTION_METRICS_PORT
    + " in production (never the public PORT there), PORT in development", false),
  PUBLIC_URL("", "base URL used in join links and QR codes (e.g. https://jam.example.com); empty = http://localhost:PORT", false),
  DATABASE_URL("", "postgres://user:pass@host:port/db?sslmode=…; empty (development only) starts an embedded PostgreSQL", true),
  DATABASE_LISTEN_URL("", "direct (not transaction-pooled) connection for LISTEN/NOTIFY; empty = DATABASE_URL", true),
  DATABASE_POOL_SIZE("10", "connections in the pool of each process", false),
  JAMANAGER_DATA_DIR("./data", "where the embedded PostgreSQL keeps its data (development)", false),
  JAM_MANAGER_ACCESS_CODE(AppConfig.DEV_ACCESS_CODE, "host access code; at least 12 characters in production", true),
  JWT_SECRETS("", "signing keys kid:secret,… newest first (each ≥ 32 bytes); empty in development = one generated per start", true),
  CORS_ORIGINS("", "allowed cross-origin origins, comma separated; empty = same origin only", false),
  LOG_LEVEL("info", "trace, debug, info, warn or error", false),
  LOG_FORMAT("text", "text or json (one JSON object per line)", false),
  MAX_UPLOAD_BYTES("10485760", "largest accepted poster upload in bytes", false),
  SHUTDOWN_DRAIN_SECONDS("10", "how long in-flight requests may run after SIGTERM", false),
  LIVE_PING_TIMEOUT_SECONDS("30", "a live socket that sends nothing, not even the SPA's ping (every 10 s), for this long is closed;"
    + " keep it at least three ping intervals", false),
  REQUEST_TIMEOUT_SECONDS("30", "an API request not answered (or its body not received) by then gets 408", false),
  TRUSTED_PROXIES("", "proxy addresses/CIDRs whose Fly-Client-IP / X-Forwarded-For is believed, comma separated", false),
  RATE_LIMIT_LOGIN("5/min,20/hour", "host logins per client address", false),
  RATE_LIMIT_JOIN("30/min", "joins per client address (a whole bar may share one address)", false),
  RATE_LIMIT_WRITE("60/min", "votes, suggestions and sign-ups per attendee", false),
  RATE_LIMIT_GENERAL("1200/min", "all API requests per client address", false),
  STAGE_FRAME_ANCESTORS("", "origins allowed to embed the stage screen in a frame, space separated; empty = none", false);

  private final String defaultValue;
  private final String description;
  private final boolean secret;

  Setting(String defaultValue, String description, boolean secret) {
    this.defaultValue = defaultValue;
    this.description = description;
    this.secret = secret;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public boolean secret() {
    return secret;
  }
}

package io.jamanager.config;

import io.jamanager.http.ClientIp;
import io.jamanager.http.RateLimiter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The effective configuration, parsed and validated once at startup and passed down through
 * constructors. {@link #problems()} lists every reason this configuration would be refused.
 */
public record AppConfig(
  boolean production,
  int port,
  String host,
  int metricsPort,
  String publicUrl,
  Optional<DatabaseUrl> database,
  Optional<DatabaseUrl> listenDatabase,
  int poolSize,
  Path dataDir,
  String accessCode,
  List<JwtKey> jwtKeys,
  List<String> corsOrigins,
  String logLevel,
  String logFormat,
  long maxUploadBytes,
  int drainSeconds,
  int requestTimeoutSeconds,
  int livePingTimeoutSeconds,
  List<String> trustedProxies,
  RateLimits rateLimits,
  String stageFrameAncestors,
  Map<Setting, String> values,
  Map<Setting, String> sources,
  List<String> problems) {

  public static final String DEV_ACCESS_CODE = "jam-host-dev";
  /** Where /metrics is served in production unless METRICS_PORT says otherwise: the port Fly's [metrics] scrapes. */
  public static final int PRODUCTION_METRICS_PORT = 9091;
  private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

  /** Request budgets; each is one or more windows that must all have room. */
  public record RateLimits(List<RateLimiter.Limit> login, List<RateLimiter.Limit> join, List<RateLimiter.Limit> write,
                           List<RateLimiter.Limit> general) {
  }

  /** One signing key; the first in the list signs, all of them verify. */
  public record JwtKey(String kid, String secret) {
  }

  /** Whether /metrics has a port of its own; otherwise it is served beside the API (development). */
  public boolean metricsOnOwnPort() {
    return metricsPort != port;
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  /** The database the LISTEN connection uses: a direct connection when the platform pools DATABASE_URL. */
  public Optional<DatabaseUrl> listenDatabaseOrDefault() {
    return listenDatabase.isPresent() ? listenDatabase : database;
  }

  static AppConfig parse(Map<Setting, String> values, Map<Setting, String> sources, String fileProblem) {
    List<String> problems = new ArrayList<>();
    if (fileProblem != null) {
      problems.add(fileProblem);
    }
    String env = values.get(Setting.APP_ENV).toLowerCase(Locale.ROOT);
    if (!env.equals("development") && !env.equals("production")) {
      problems.add("APP_ENV must be development or production, not '" + env + "'");
    }
    boolean production = env.equals("production");

    int port = intSetting(values, Setting.PORT, 1, 65535, problems);
    int metricsPort = values.get(Setting.METRICS_PORT).isBlank()
      ? (production ? PRODUCTION_METRICS_PORT : port)
      : intSetting(values, Setting.METRICS_PORT, 1, 65535, problems);
    if (production && metricsPort == port) {
      problems.add("METRICS_PORT must differ from PORT in production: /metrics would be public (route names, rates, internals)");
    }
    int poolSize = intSetting(values, Setting.DATABASE_POOL_SIZE, 1, 200, problems);
    int drain = intSetting(values, Setting.SHUTDOWN_DRAIN_SECONDS, 0, 600, problems);
    int requestTimeout = intSetting(values, Setting.REQUEST_TIMEOUT_SECONDS, 1, 600, problems);
    int pingTimeout = intSetting(values, Setting.LIVE_PING_TIMEOUT_SECONDS, 1, 3600, problems);
    long maxUpload = longSetting(values, Setting.MAX_UPLOAD_BYTES, 1024, 100L * 1024 * 1024, problems);

    Optional<DatabaseUrl> database = databaseSetting(values, Setting.DATABASE_URL, problems);
    Optional<DatabaseUrl> listenDatabase = databaseSetting(values, Setting.DATABASE_LISTEN_URL, problems);
    if (production && database.isEmpty() && values.get(Setting.DATABASE_URL).isBlank()) {
      problems.add("DATABASE_URL is required in production (the embedded database is for development only)");
    }

    String accessCode = values.get(Setting.JAM_MANAGER_ACCESS_CODE);
    if (accessCode.isBlank()) {
      problems.add("JAM_MANAGER_ACCESS_CODE must not be empty");
    } else if (production && accessCode.equals(DEV_ACCESS_CODE)) {
      problems.add("JAM_MANAGER_ACCESS_CODE is the development default; set your own in production");
    } else if (production && accessCode.length() < 12) {
      problems.add("JAM_MANAGER_ACCESS_CODE is shorter than 12 characters");
    }

    List<JwtKey> keys = jwtKeys(values.get(Setting.JWT_SECRETS), production, problems);
    List<String> cors = corsOrigins(values.get(Setting.CORS_ORIGINS), production, problems);

    String publicUrl = values.get(Setting.PUBLIC_URL).replaceAll("/+$", "");
    if (publicUrl.isEmpty()) {
      if (production) {
        problems.add("PUBLIC_URL is required in production (join links and QR codes must not point at localhost)");
      }
      publicUrl = "http://localhost:" + port;
    } else if (!isOrigin(publicUrl, true)) {
      problems.add("PUBLIC_URL must be an http(s) URL such as https://jam.example.com, not '" + publicUrl + "'");
    }

    String logLevel = values.get(Setting.LOG_LEVEL).toLowerCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      problems.add("LOG_LEVEL must be one of " + String.join(", ", LOG_LEVELS.stream().sorted().toList()));
    }
    String logFormat = values.get(Setting.LOG_FORMAT).toLowerCase(Locale.ROOT);
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      problems.add("LOG_FORMAT must be text or json");
    }

    List<String> proxies = new ArrayList<>();
    for (String entry : values.get(Setting.TRUSTED_PROXIES).split(",")) {
      if (!entry.isBlank()) {
        try {
          ClientIp.validate(entry.trim());
          proxies.add(entry.trim());
        } catch (IllegalArgumentException e) {
          problems.add("TRUSTED_PROXIES: " + e.getMessage());
        }
      }
    }
    RateLimits limits = new RateLimits(
      limits(values, Setting.RATE_LIMIT_LOGIN, problems), limits(values, Setting.RATE_LIMIT_JOIN, problems),
      limits(values, Setting.RATE_LIMIT_WRITE, problems), limits(values, Setting.RATE_LIMIT_GENERAL, problems));
    String frameAncestors = values.get(Setting.STAGE_FRAME_ANCESTORS).trim();
    for (String origin : frameAncestors.split("\\s+")) {
      if (!origin.isEmpty() && !isOrigin(origin, false)) {
        problems.add("STAGE_FRAME_ANCESTORS entry '" + origin + "' is not an origin such as https://venue.example.com");
      }
    }

    return new AppConfig(production, port, values.get(Setting.HOST), metricsPort, publicUrl, database, listenDatabase, poolSize,
      Path.of(values.get(Setting.JAMANAGER_DATA_DIR)), accessCode, keys, cors, logLevel, logFormat, maxUpload, drain,
      requestTimeout, pingTimeout, List.copyOf(proxies), limits, frameAncestors,
      Collections.unmodifiableMap(new EnumMap<>(values)), Collections.unmodifiableMap(new EnumMap<>(sources)),
      List.copyOf(problems));
  }

  /** Every setting with its value (secrets masked) and where it came from, for check-config. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Setting s : Setting.values()) {
      String v = values.get(s);
      String shown;
      if (s == Setting.DATABASE_URL || s == Setting.DATABASE_LISTEN_URL) {
        Optional<DatabaseUrl> db = s == Setting.DATABASE_URL ? database : listenDatabase;
        shown = db.map(DatabaseUrl::masked).orElse(v.isEmpty() ? "(unset)" : "***");
      } else if (s == Setting.JWT_SECRETS) {
        shown = v.isEmpty() ? "(generated for this run)" : jwtKeys.stream().map(k -> k.kid() + ":***").toList().toString();
      } else if (s == Setting.METRICS_PORT) {
        shown = metricsPort + (metricsOnOwnPort() ? "" : " (= PORT: /metrics beside the API)");
      } else if (s.secret()) {
        shown = v.isEmpty() ? "(unset)" : "*** (" + v.length() + " characters)";
      } else {
        shown = v.isEmpty() ? "(unset)" : v;
      }
      lines.add(String.format("%-24s %-40s [%s]", s.name(), shown, sources.get(s)));
    }
    return lines;
  }

  /** Parses "5/min,20/hour": permits per second, minute, hour or day. */
  private static List<RateLimiter.Limit> limits(Map<Setting, String> values, Setting s, List<String> problems) {
    List<RateLimiter.Limit> out = new ArrayList<>();
    for (String part : values.get(s).split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty() || p.equals("off")) {
        continue;
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,7})/(s|sec|second|min|minute|h|hour|day)").matcher(p);
      if (!m.matches()) {
        problems.add(s.name() + " entries must look like 5/min or 20/hour, not '" + part.trim() + "'");
        continue;
      }
      long window = switch (m.group(2)) {
        case "s", "sec", "second" -> 1;
        case "min", "minute" -> 60;
        case "h", "hour" -> 3600;
        default -> 86400;
      };
      out.add(new RateLimiter.Limit(s.name() + "#" + out.size(), Integer.parseInt(m.group(1)), window));
    }
    return List.copyOf(out);
  }

  private static int intSetting(Map<Setting, String> values, Setting s, int min, int max, List<String> problems) {
    return (int) longSetting(values, s, min, max, problems);
  }

  private static long longSetting(Map<Setting, String> values, Setting s, long min, long max, List<String> problems) {
    String raw = values.get(s);
    try {
      long v = Long.parseLong(raw);
      if (v < min || v > max) {
        problems.add(s.name() + " must be between " + min + " and " + max + ", not " + raw);
      }
      return v;
    } catch (NumberFormatException e) {
      problems.add(s.name() + " must be a whole number, not '" + raw + "'");
      return s.defaultValue().isEmpty() ? min : Long.parseLong(s.defaultValue());
    }
  }

  private static Optional<DatabaseUrl> databaseSetting(Map<Setting, String> values, Setting s, List<String> problems) {
    String raw = values.get(s);
    if (raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DatabaseUrl.parse(raw));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage().replace("DATABASE_URL", s.name()));
      return Optional.empty();
    }
  }

  private static List<JwtKey> jwtKeys(String raw, boolean production, List<String> problems) {
    if (raw.isBlank()) {
      if (production) {
        problems.add("JWT_SECRETS is required in production (kid:secret, at least 32 bytes each)");
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      return List.of(new JwtKey("dev", Base64.getUrlEncoder().withoutPadding().encodeToString(random)));
    }
    List<JwtKey> keys = new ArrayList<>();
    for (String entry : raw.split(",")) {
      String[] parts = entry.trim().split(":", 2);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isEmpty()) {
        problems.add("JWT_SECRETS entries must look like kid:secret");
        continue;
      }
      String kid = parts[0].trim();
      if (keys.stream().anyMatch(k -> k.kid().equals(kid))) {
        problems.add("JWT_SECRETS names key '" + kid + "' twice");
      }
      if (parts[1].getBytes(StandardCharsets.UTF_8).length < 32) {
        problems.add("JWT_SECRETS key '" + kid + "' is shorter than 32 bytes");
      }
      keys.add(new JwtKey(kid, parts[1]));
    }
    return List.copyOf(keys);
  }

  private static List<String> corsOrigins(String raw, boolean production, List<String> problems) {
    List<String> origins = new ArrayList<>();
    for (String entry : raw.split(",")) {
      String origin = entry.trim().replaceAll("/+$", "");
      if (origin.isEmpty()) {
        continue;
      }
      if (origin.equals("*")) {
        if (production) {
          problems.add("CORS_ORIGINS must not allow '*' in production; list the exact origins");
        }
      } else if (!isOrigin(origin, false)) {
        problems.add("CORS_ORIGINS entry '" + origin + "' is not an origin such as https://jam.example.com");
        continue;
      }
      origins.add(origin);
    }
    return List.copyOf(origins);
  }

  private static boolean isOrigin(String value, boolean pathAllowed) {
    try {
      URI uri = new URI(value);
      boolean httpish = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty();
      return httpish && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
        && (pathAllowed || noPath) && uri.getRawUserInfo() == null;
    } catch (Exception e) {
      return false;
    }
  }
}

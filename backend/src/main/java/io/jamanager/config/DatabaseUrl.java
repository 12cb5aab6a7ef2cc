package io.jamanager.config;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A PostgreSQL location in the Heroku/Fly URL form, usable by both the reactive client and JDBC (Flyway).
 *
 * <p>A URL without {@code sslmode} encrypts unless the host is this machine: Heroku Postgres refuses plain
 * connections and its {@code DATABASE_URL} carries no {@code sslmode} (Heroku asks apps to add it in code).
 * Private networks that do not offer TLS (Fly's {@code .flycast}/{@code .internal}, the compose {@code db}
 * service) say {@code sslmode=disable} in their URLs.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password, String sslMode) {

  public static DatabaseUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("DATABASE_URL is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
      throw new IllegalArgumentException("DATABASE_URL must start with postgres:// or postgresql://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("DATABASE_URL has no host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("DATABASE_URL has no database name");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    String sslMode = isLoopback(uri.getHost()) ? "disable" : "require";
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv[0].equals("sslmode") && kv.length == 2) {
          sslMode = decode(kv[1]);
        }
      }
    }
    if (!sslMode.matches("disable|allow|prefer|require|verify-ca|verify-full")) {
      throw new IllegalArgumentException("DATABASE_URL has an unknown sslmode: " + sslMode);
    }
    return new DatabaseUrl(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, decode(path), user, password, sslMode);
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options = new PgConnectOptions()
      .setHost(host).setPort(port).setDatabase(database).setUser(user).setPassword(password)
      .setSslMode(SslMode.of(sslMode))
      .setCachePreparedStatements(true)
      .setPipeliningLimit(64);
    if (sslMode.equals("require") || sslMode.equals("prefer") || sslMode.equals("allow")) {
      // Managed platforms (Heroku, Fly) present certificates no public CA signs; "require" means encrypt, not verify.
      options.setSslOptions(new ClientSSLOptions().setTrustAll(true));
    }
    return options;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode;
  }

  /** The URL with the password masked, for logs and check-config. */
  public String masked() {
    return "postgres://" + user + ":***@" + host + ":" + port + "/" + database + "?sslmode=" + sslMode;
  }

  /** Judged by the name alone: a DNS look-up here would block the caller. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
      || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}

package io.runnel.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code postgresql://user:password@host:port/database?sslmode=require} URL (also {@code
 * postgres://}). User, password and parameter values may be percent-encoded. Only the TLS
 * parameters ({@code sslmode}, {@code ssl=true|false}, {@code sslrootcert}, {@code sslcert}, {@code
 * sslkey}, {@code sslpassword}; checked with the YAML keys by {@link TlsSection}) and {@code
 * target_session_attrs=read-write|primary} are accepted: Runnel never ignores a parameter that
 * would change how it connects. Several hosts ({@code h1:5432,h2:5432}) are kept in {@code
 * hostname} as such.
 *
 * @param username null when the URL names none
 * @param password null when the URL names none; a secret
 * @param tls the TLS parameters by name, decoded, in URL order ({@code sslpassword} is a secret)
 */
record PostgresUrl(
    String hostname,
    int port,
    String database,
    String username,
    String password,
    Map<String, String> tls) {

  /** The TLS parameters a URL may carry. */
  static final Set<String> TLS_PARAMS =
      Set.of("sslmode", "ssl", "sslrootcert", "sslcert", "sslkey", "sslpassword");

  @Override
  public String toString() {
    return "PostgresUrl["
        + hostname
        + ":"
        + port
        + "/"
        + database
        + ", user="
        + username
        + ", password="
        + Secrets.mask(password)
        + ", tls="
        + tls.keySet()
        + "]";
  }

  /**
   * Parses the URL.
   *
   * @throws IllegalArgumentException with a message that never contains the password
   */
  static PostgresUrl parse(String url) {
    String rest = stripScheme(url);
    int query = rest.indexOf('?');
    String params = query < 0 ? "" : rest.substring(query + 1);
    rest = query < 0 ? rest : rest.substring(0, query);
    int at = rest.lastIndexOf('@');
    String userInfo = at < 0 ? null : rest.substring(0, at);
    String hostPart = rest.substring(at + 1);
    int slash = hostPart.indexOf('/');
    if (slash < 0 || slash == hostPart.length() - 1) {
      throw new IllegalArgumentException("must name the database: " + SHAPE);
    }
    String database = decode(hostPart.substring(slash + 1));
    String hosts = hostPart.substring(0, slash);
    if (hosts.contains(",")) {
      return new PostgresUrl(
          multipleHosts(hosts),
          DatabaseConfig.DEFAULT_PORT,
          database,
          userName(userInfo),
          password(userInfo),
          tls(params));
    }
    String[] hostPort = hostAndPort(hosts);
    return new PostgresUrl(
        hostPort[0],
        port(hostPort[1]),
        database,
        userName(userInfo),
        password(userInfo),
        tls(params));
  }

  private static String userName(String userInfo) {
    String username = userInfo == null ? null : decode(userInfo.split(":", 2)[0]);
    return username == null || username.isEmpty() ? null : username;
  }

  private static String password(String userInfo) {
    return userInfo == null || !userInfo.contains(":")
        ? null
        : decode(userInfo.substring(userInfo.indexOf(':') + 1));
  }

  /**
   * libpq's {@code host1:port1,host2:port2} list, checked and kept as such (see {@link
   * DatabaseConfig#jdbcUrl}: Runnel then connects to whichever is the primary).
   */
  private static String multipleHosts(String text) {
    StringBuilder hosts = new StringBuilder();
    for (String entry : text.split(",", -1)) {
      String[] hostPort = hostAndPort(entry);
      hosts.append(hosts.isEmpty() ? "" : ",").append(hostPort[0]);
      if (hostPort[1] != null) {
        hosts.append(':').append(port(hostPort[1]));
      }
    }
    return hosts.toString();
  }

  private static final String SHAPE = "postgresql://user:password@host:port/database";

  private static String stripScheme(String url) {
    for (String scheme : new String[] {"postgresql://", "postgres://"}) {
      if (url.startsWith(scheme)) {
        return url.substring(scheme.length());
      }
    }
    throw new IllegalArgumentException("must be a URL like " + SHAPE);
  }

  private static String[] hostAndPort(String text) {
    int colon = text.startsWith("[") ? text.indexOf(':', text.indexOf(']')) : text.lastIndexOf(':');
    String host = colon < 0 ? text : text.substring(0, colon);
    if (host.isEmpty() || host.equals("[]")) {
      throw new IllegalArgumentException("must name the host: " + SHAPE);
    }
    return new String[] {host, colon < 0 ? null : text.substring(colon + 1)};
  }

  private static int port(String text) {
    if (text == null) {
      return DatabaseConfig.DEFAULT_PORT;
    }
    if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535");
    }
    return Integer.parseInt(text);
  }

  private static Map<String, String> tls(String params) {
    Map<String, String> tls = new LinkedHashMap<>();
    for (String param : params.isEmpty() ? new String[0] : params.split("&")) {
      String[] pair = param.split("=", 2);
      String value = pair.length < 2 ? "" : decode(pair[1]);
      if (pair[0].equals("target_session_attrs")) {
        if (!value.equals("read-write") && !value.equals("primary")) {
          throw new IllegalArgumentException(
              "target_session_attrs must be read-write or primary (Runnel needs the primary)");
        }
        continue; // always so: with several hosts Runnel connects to the primary among them
      }
      if (!TLS_PARAMS.contains(pair[0])) {
        throw new IllegalArgumentException(
            "unsupported URL parameter "
                + pair[0]
                + " (only sslmode, ssl, sslrootcert, sslcert, sslkey, sslpassword and"
                + " target_session_attrs=read-write)");
      }
      checkTlsValue(pair[0], value);
      if (tls.put(pair[0], value) != null) {
        throw new IllegalArgumentException(pair[0] + " is given twice");
      }
    }
    return Map.copyOf(tls);
  }

  private static void checkTlsValue(String name, String value) {
    if (name.equals("sslmode") && DatabaseTls.Mode.of(value) == null) {
      throw new IllegalArgumentException("sslmode must be one of " + DatabaseTls.Mode.allowed());
    }
    if (name.equals("ssl") && !value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("ssl must be true or false");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad percent-encoding in the URL");
    }
  }
}

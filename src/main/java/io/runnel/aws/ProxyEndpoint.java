package io.runnel.aws;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One HTTP proxy: where it listens, the Basic credentials it wants (both null when none), and the
 * variable or property it came from. Immutable; {@link #toString} masks the password.
 */
public record ProxyEndpoint(String host, int port, String user, String password, String source) {

  /**
   * Parses {@code http://[user[:password]@]host[:port][/]}, as in {@code HTTPS_PROXY}; a URL
   * without a scheme is taken as {@code http://} and a missing port as 80, as the AWS CLI does.
   * User and password are percent-decoded ({@code p%40ss} is {@code p@ss}).
   *
   * @throws IllegalArgumentException naming {@code source} and the masked URL
   */
  public static ProxyEndpoint parse(String url, String source) {
    String text = url.strip();
    String withScheme = text.contains("://") ? text : "http://" + text;
    int authority = withScheme.indexOf("://") + 3;
    int at = withScheme.lastIndexOf('@');
    String rawUserInfo = at >= authority ? withScheme.substring(authority, at) : null;
    URI uri;
    try {
      uri =
          new URI(
              withScheme.substring(0, authority)
                  + withScheme.substring(Math.max(at + 1, authority)));
    } catch (URISyntaxException e) {
      throw invalid(source, text, "not a URL (" + e.getReason() + ")");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw invalid(
          source,
          text,
          "only http:// proxies are supported (the tunnel to AWS is TLS all the same);"
              + " a proxy spoken to over TLS is not");
    }
    if (uri.getHost() == null) {
      throw invalid(source, text, "no proxy host");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalid(source, text, "a proxy URL has no path or query");
    }
    String user = null;
    String password = null;
    if (rawUserInfo != null) {
      String[] parts = rawUserInfo.split(":", 2);
      try {
        user = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : null;
      } catch (IllegalArgumentException e) {
        throw invalid(source, text, "bad %-escape in the user or password");
      }
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String host = uri.getHost().replaceAll("^\\[|]$", "");
    return new ProxyEndpoint(host, port, user, password, source);
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String source, String url, String reason) {
    return new IllegalArgumentException(
        source + "=" + maskUrl(url) + " is not a usable proxy: " + reason);
  }

  /** Hides a password in {@code scheme://user:password@host}, up to the last {@code @}. */
  public static String maskUrl(String url) {
    return url.replaceFirst("^((?:[a-zA-Z][a-zA-Z0-9+.-]*://)?[^:/@]*:).*@", "$1****@");
  }

  /** The proxy as java.net sees it; the host is looked up at each connection. */
  public Proxy proxy() {
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
  }

  /** {@code Basic base64(user:password)} (UTF-8), when the proxy has credentials. */
  public Optional<String> basicAuthorization() {
    if (user == null) {
      return Optional.empty();
    }
    String pair = user + ":" + (password == null ? "" : password);
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code host:port}, as a connection error names it. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code http://user:****@host:port}: the password never shows. */
  @Override
  public String toString() {
    String userInfo = user == null ? "" : user + (password == null ? "" : ":****") + "@";
    return "http://" + userInfo + address();
  }
}

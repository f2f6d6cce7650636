package io.runnel.aws;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP proxy for every AWS call Runnel makes, resolved once from the environment and the JVM's
 * system properties, and handed to each client: the SDK's Netty client (SQS lookups), its Apache
 * client (STS), and Runnel's own connections for SendMessageBatch ({@link BatchTransport}).
 * Immutable and thread-safe.
 *
 * <p>Resolution, per scheme of the target ({@code https} for AWS, {@code http} only for an
 * emulator): the JVM's {@code https.proxyHost}/{@code https.proxyPort}/{@code https.proxyUser}/
 * {@code https.proxyPassword} (or the {@code http.} ones) with {@code http.nonProxyHosts}, when the
 * host property is set; otherwise {@code https_proxy}, then {@code HTTPS_PROXY} (or {@code
 * http_proxy}/{@code HTTP_PROXY}) with {@code no_proxy}/{@code NO_PROXY}. That is the SDK's order
 * (system properties over the environment, lower-case variables first), with three differences that
 * match the AWS CLI and curl rather than the SDK's own clients: the proxy is chosen by the target's
 * scheme (the SDK's clients read {@code HTTP_PROXY} for HTTPS targets too); a lone {@code
 * http.nonProxyHosts} does not hide the environment; the URL's user and password are
 * percent-decoded. {@link NoProxy} lists the exception forms.
 *
 * <p>The SDK fetches instance and container credentials (169.254.169.254, 169.254.170.2) with
 * {@code Proxy.NO_PROXY} whatever is set here, as it should: those addresses are local to the host.
 */
public final class AwsProxy {
  private static final Logger log = LoggerFactory.getLogger(AwsProxy.class);
  private static volatile AwsProxy system;

  /** Where requests of one scheme go: {@code proxy} null = directly. */
  public record Route(ProxyEndpoint proxy, NoProxy bypass, String bypassSource) {
    public static final Route DIRECT = new Route(null, NoProxy.NONE, null);

    public Optional<ProxyEndpoint> proxyFor(String host, int port) {
      return proxy == null || bypass.matches(host, port) ? Optional.empty() : Optional.of(proxy);
    }

    @Override
    public String toString() {
      if (proxy == null) {
        return "none";
      }
      String except = bypass.toString().isEmpty() ? "" : ", except " + bypassSource + "=" + bypass;
      return proxy + " (" + proxy.source() + except + ")";
    }
  }

  private final Route https;
  private final Route http;

  public AwsProxy(Route https, Route http) {
    this.https = https;
    this.http = http;
  }

  /**
   * The process's proxy (environment and system properties), resolved at the first call.
   *
   * @throws IllegalArgumentException when a proxy variable or exception list cannot be used; the
   *     message names it, password masked
   */
  public static AwsProxy system() {
    AwsProxy resolved = system;
    if (resolved == null) {
      resolved = resolve(System.getenv(), System.getProperties());
      if (resolved.https.proxy != null || resolved.http.proxy != null) {
        log.info("AWS proxy: {}", resolved);
      }
      system = resolved;
    }
    return resolved;
  }

  /** The proxy {@code env} and {@code properties} describe (see the class comment). */
  public static AwsProxy resolve(Map<String, String> env, Properties properties) {
    return new AwsProxy(route("https", env, properties), route("http", env, properties));
  }

  private static Route route(String scheme, Map<String, String> env, Properties properties) {
    String host = blankToNull(properties.getProperty(scheme + ".proxyHost"));
    if (host != null) {
      String portText = blankToNull(properties.getProperty(scheme + ".proxyPort"));
      int port = scheme.equals("https") ? 443 : 80;
      if (portText != null) {
        try {
          port = Integer.parseInt(portText.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              scheme + ".proxyPort=" + portText + " is not a port number", e);
        }
      }
      ProxyEndpoint proxy =
          new ProxyEndpoint(
              host.strip(),
              port,
              blankToNull(properties.getProperty(scheme + ".proxyUser")),
              properties.getProperty(scheme + ".proxyPassword"),
              scheme + ".proxyHost");
      String hosts = properties.getProperty("http.nonProxyHosts");
      return new Route(proxy, NoProxy.parse(hosts, "http.nonProxyHosts"), "http.nonProxyHosts");
    }
    String variable = scheme + "_proxy";
    String name = env(env, variable);
    if (name == null) {
      return Route.DIRECT;
    }
    ProxyEndpoint proxy = ProxyEndpoint.parse(env.get(name), name);
    String bypassName = env(env, "no_proxy");
    String hosts = bypassName == null ? null : env.get(bypassName);
    return new Route(proxy, NoProxy.parse(hosts, bypassName), bypassName);
  }

  /** The name under which {@code variable} is set, lower case first, as the SDK looks; or null. */
  private static String env(Map<String, String> env, String variable) {
    for (String name : List.of(variable, variable.toUpperCase(Locale.ROOT))) {
      if (blankToNull(env.get(name)) != null) {
        return name;
      }
    }
    return null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** The proxy requests to {@code target} go through; empty = directly. */
  public Optional<ProxyEndpoint> proxyFor(URI target) {
    Route route = route(target.getScheme());
    if (route == null || target.getHost() == null) {
      return Optional.empty();
    }
    int port = target.getPort() >= 0 ? target.getPort() : defaultPort(target.getScheme());
    return route.proxyFor(target.getHost(), port);
  }

  /**
   * How requests to {@code target} travel, password masked: {@code through proxy
   * http://user:****@proxy:3128 (HTTPS_PROXY)}, {@code directly (NO_PROXY=…)} or {@code directly
   * (no proxy set)}.
   */
  public String describe(URI target) {
    Optional<ProxyEndpoint> proxy = proxyFor(target);
    if (proxy.isPresent()) {
      return "through proxy " + proxy.get() + " (" + proxy.get().source() + ")";
    }
    Route route = route(target.getScheme());
    if (route != null && route.proxy != null) {
      return "directly (" + route.bypassSource + "=" + route.bypass + ")";
    }
    return "directly (no proxy set)";
  }

  /** The route for targets of {@code scheme}; null for schemes other than http and https. */
  public Route route(String scheme) {
    if ("https".equalsIgnoreCase(scheme)) {
      return https;
    }
    return "http".equalsIgnoreCase(scheme) ? http : null;
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /** Both schemes' proxies and exceptions, password masked. */
  @Override
  public String toString() {
    return "https: " + https + "; http: " + http;
  }
}

package io.runnel.sink.sqs;

import java.io.IOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
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
 * client (STS), and {@link HttpClient} (sends). Immutable and thread-safe.
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
 *
 * <p>Basic credentials on a CONNECT tunnel: the JDK's HTTP clients drop them unless {@code
 * jdk.http.auth.tunneling.disabledSchemes} leaves Basic out, and read that property once, when
 * java.net.http is first used; {@link #allowBasicOnTunnels} must run before that (Main does,
 * first).
 */
public final class AwsProxy {
  static final String TUNNELING_DISABLED = "jdk.http.auth.tunneling.disabledSchemes";
  private static final Logger log = LoggerFactory.getLogger(AwsProxy.class);
  private static volatile AwsProxy system;

  /** Where requests of one scheme go: {@code proxy} null = directly. */
  record Route(ProxyEndpoint proxy, NoProxy bypass, String bypassSource) {
    static final Route DIRECT = new Route(null, NoProxy.NONE, null);

    Optional<ProxyEndpoint> proxyFor(String host, int port) {
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

  AwsProxy(Route https, Route http) {
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
  static AwsProxy resolve(Map<String, String> env, Properties properties) {
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

  /**
   * Lets the JDK send Basic credentials on CONNECT ({@code jdk.http.auth.tunneling.disabledSchemes}
   * empty) unless that property was set explicitly. Only takes effect before the process's first
   * use of java.net.http; call it first thing in {@code main}.
   */
  public static void allowBasicOnTunnels() {
    if (System.getProperty(TUNNELING_DISABLED) == null) {
      System.setProperty(TUNNELING_DISABLED, "");
    }
  }

  /**
   * The JDK HTTP client settings Runnel's sends rely on, set unless the user set them: Basic on
   * proxy tunnels ({@link #allowBasicOnTunnels}), and {@code jdk.httpclient.enableAllMethodRetry},
   * so a SendMessageBatch that met a kept connection the server had closed, before any byte of an
   * answer, is sent again at once on a fresh one (see {@code JdkTransport}). The JDK reads both
   * once, when java.net.http is first used: call this first thing in {@code main}.
   */
  public static void prepareJdkHttpClient() {
    allowBasicOnTunnels();
    if (System.getProperty("jdk.httpclient.enableAllMethodRetry") == null) {
      System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
    }
  }

  /** False when {@code properties} leave Basic disabled for tunnels (as the JDK's default does). */
  static boolean basicAllowedOnTunnels(Properties properties) {
    String disabled = properties.getProperty(TUNNELING_DISABLED);
    return disabled != null
        && List.of(disabled.split(",")).stream()
            .noneMatch(s -> s.strip().equalsIgnoreCase("basic"));
  }

  /**
   * Points {@code builder} at the proxy (a {@link ProxySelector} honouring the exceptions) and,
   * when the proxy wants credentials, gives them to the JDK on its {@code 407} (an {@link
   * Authenticator} for proxies only; the JDK then sends them on each later CONNECT unasked). Does
   * nothing when no proxy is set.
   *
   * @throws IllegalStateException when the proxy has credentials but Basic is disabled for tunnels
   *     (see {@link #allowBasicOnTunnels})
   */
  public HttpClient.Builder configure(HttpClient.Builder builder) {
    if (https.proxy == null && http.proxy == null) {
      return builder;
    }
    builder.proxy(selector());
    if (hasCredentials()) {
      allowBasicOnTunnels();
      if (!basicAllowedOnTunnels(System.getProperties())) {
        throw new IllegalStateException(
            "the proxy ("
                + this
                + ") has credentials, but "
                + TUNNELING_DISABLED
                + "="
                + System.getProperty(TUNNELING_DISABLED)
                + " keeps the JDK from sending Basic credentials on CONNECT: leave Basic out");
      }
      builder.authenticator(new ProxyAuthenticator());
    }
    return builder;
  }

  /**
   * The {@code Proxy-Authorization} value to send pre-emptively on requests to {@code target}
   * ({@code Basic …}), when they go through a proxy with credentials. The JDK puts it on the
   * CONNECT only, and never forwards it to AWS; it saves the first {@code 407} round trip.
   */
  public Optional<String> proxyAuthorizationHeader(URI target) {
    return proxyFor(target).flatMap(ProxyEndpoint::basicAuthorization);
  }

  /**
   * Selects the proxy for each URI: {@code Proxy.NO_PROXY} for the exceptions and other schemes.
   */
  public ProxySelector selector() {
    return new Selector();
  }

  /** The proxy requests to {@code target} go through; empty = directly. */
  Optional<ProxyEndpoint> proxyFor(URI target) {
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
  Route route(String scheme) {
    if ("https".equalsIgnoreCase(scheme)) {
      return https;
    }
    return "http".equalsIgnoreCase(scheme) ? http : null;
  }

  private boolean hasCredentials() {
    return (https.proxy != null && https.proxy.user() != null)
        || (http.proxy != null && http.proxy.user() != null);
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /** Both schemes' proxies and exceptions, password masked. */
  @Override
  public String toString() {
    return "https: " + https + "; http: " + http;
  }

  private final class Selector extends ProxySelector {
    @Override
    public List<Proxy> select(URI uri) {
      return List.of(proxyFor(uri).map(ProxyEndpoint::proxy).orElse(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress proxy, IOException e) {
      // one proxy, nothing to fail over to: the request fails with e
    }
  }

  /**
   * Answers the JDK's proxy challenges only, with the credentials of the proxy that asked. The JDK
   * names the proxy's address and the original request's URL, also for a CONNECT's {@code 407}.
   */
  private final class ProxyAuthenticator extends Authenticator {
    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
      if (getRequestorType() != RequestorType.PROXY) {
        return null;
      }
      Route first = getRequestingURL() == null ? null : route(getRequestingURL().getProtocol());
      for (Route route : first == null ? List.of(https, http) : List.of(first, https, http)) {
        ProxyEndpoint proxy = route.proxy;
        if (proxy != null
            && proxy.user() != null
            && proxy.host().equalsIgnoreCase(getRequestingHost())
            && proxy.port() == getRequestingPort()) {
          String password = proxy.password() == null ? "" : proxy.password();
          return new PasswordAuthentication(proxy.user(), password.toCharArray());
        }
      }
      return null;
    }
  }
}

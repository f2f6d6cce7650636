package io.runnel.aws;

import io.runnel.aws.AwsProxy.Route;
import java.net.URI;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.ProxyConfiguration;

/**
 * The HTTP clients under the SDK clients Runnel builds: through {@link AwsProxy}, never through
 * proxy settings the SDK would read on its own; trusting the JVM's CAs, or {@code trust} (tests).
 * Immutable.
 *
 * @param trust null = the JVM's default trust store
 */
public record SdkHttp(AwsProxy proxy, TlsTrustManagersProvider trust) {

  /** The process's proxy and the JVM's trust store. */
  public static SdkHttp system() {
    return new SdkHttp(AwsProxy.system(), null);
  }

  /**
   * The Netty client for an SDK client whose endpoints have {@code scheme}: that scheme's proxy,
   * with the exceptions as the regular expressions Netty matches each host name against.
   */
  public NettyNioAsyncHttpClient.Builder netty(String scheme) {
    var builder = NettyNioAsyncHttpClient.builder().proxyConfiguration(nettyProxy(scheme));
    if (trust != null) {
      builder.tlsTrustManagersProvider(trust);
    }
    return builder;
  }

  public ProxyConfiguration nettyProxy(String scheme) {
    Route route = proxy.route(scheme);
    var config =
        ProxyConfiguration.builder()
            .useSystemPropertyValues(false)
            .useEnvironmentVariableValues(false);
    if (route != null && route.proxy() != null) {
      config
          .scheme("http")
          .host(route.proxy().host())
          .port(route.proxy().port())
          .username(route.proxy().user())
          .password(route.proxy().password())
          .nonProxyHosts(route.bypass().sdkPatterns());
    }
    return config.build();
  }

  /**
   * The Apache client for an SDK client that talks to {@code endpoint} only (STS): the exceptions
   * are applied here, to that host, since the Apache client reads its exception list differently
   * from one SDK version to the next.
   */
  public Apache5HttpClient.Builder apache(URI endpoint) {
    var builder = Apache5HttpClient.builder().proxyConfiguration(apacheProxy(endpoint));
    if (trust != null) {
      builder.tlsTrustManagersProvider(trust);
    }
    return builder;
  }

  software.amazon.awssdk.http.apache5.ProxyConfiguration apacheProxy(URI endpoint) {
    var config =
        software.amazon.awssdk.http.apache5.ProxyConfiguration.builder()
            .useSystemPropertyValues(false)
            .useEnvironmentVariableValues(false);
    proxy
        .proxyFor(endpoint)
        .ifPresent(
            p ->
                config
                    .endpoint(URI.create("http://" + p.address()))
                    .username(p.user())
                    .password(p.password())
                    .preemptiveBasicAuthenticationEnabled(p.user() != null));
    return config.build();
  }
}

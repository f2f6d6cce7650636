package io.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which proxy each AWS call takes, from the environment and the JVM's properties. */
class AwsProxyTest {
  private static final URI SQS = URI.create("https://sqs.eu-west-1.amazonaws.com/123456789012/q");
  private static final URI EMULATOR = URI.create("http://localstack:4566/000000000000/q");

  private static AwsProxy resolve(Map<String, String> env) {
    return AwsProxy.resolve(env, new Properties());
  }

  private static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void httpsProxyCarriesHostPortAndDecodedCredentials() {
    AwsProxy proxy = resolve(Map.of("HTTPS_PROXY", "http://me:p%40ss%3Aw@proxy.corp:3128/"));
    ProxyEndpoint endpoint = proxy.proxyFor(SQS).orElseThrow();
    assertThat(endpoint.host()).isEqualTo("proxy.corp");
    assertThat(endpoint.port()).isEqualTo(3128);
    assertThat(endpoint.user()).isEqualTo("me");
    assertThat(endpoint.password()).isEqualTo("p@ss:w");
    assertThat(endpoint.source()).isEqualTo("HTTPS_PROXY");
    assertThat(endpoint.basicAuthorization())
        .hasValue("Basic " + Base64.getEncoder().encodeToString("me:p@ss:w".getBytes()));
  }

  @Test
  void unencodedAtSignInThePasswordCountsUpToTheLastAt() {
    ProxyEndpoint endpoint = ProxyEndpoint.parse("http://me:p@ss@proxy:3128", "HTTPS_PROXY");
    assertThat(endpoint.password()).isEqualTo("p@ss");
    assertThat(endpoint.host()).isEqualTo("proxy");
  }

  @Test
  void lowerCaseVariableWinsAsInTheSdk() {
    AwsProxy proxy =
        resolve(Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2"));
    assertThat(proxy.proxyFor(SQS).orElseThrow().source()).isEqualTo("https_proxy");
    assertThat(proxy.proxyFor(SQS).orElseThrow().host()).isEqualTo("lower");
  }

  @Test
  void blankVariableIsUnset() {
    AwsProxy proxy = resolve(Map.of("https_proxy", " ", "HTTPS_PROXY", "http://upper:2"));
    assertThat(proxy.proxyFor(SQS).orElseThrow().host()).isEqualTo("upper");
  }

  @Test
  void httpsTargetsUseHttpsProxyAndHttpTargetsHttpProxy() {
    AwsProxy proxy =
        resolve(Map.of("HTTPS_PROXY", "http://secure:1", "HTTP_PROXY", "http://plain:2"));
    assertThat(proxy.proxyFor(SQS).orElseThrow().host()).isEqualTo("secure");
    assertThat(proxy.proxyFor(EMULATOR).orElseThrow().host()).isEqualTo("plain");
    assertThat(resolve(Map.of("HTTPS_PROXY", "http://secure:1")).proxyFor(EMULATOR)).isEmpty();
  }

  @Test
  void missingSchemeMeansHttpAndMissingPortMeans80() {
    ProxyEndpoint endpoint = resolve(Map.of("HTTPS_PROXY", "proxy.corp")).proxyFor(SQS).get();
    assertThat(endpoint.toString()).isEqualTo("http://proxy.corp:80");
  }

  @Test
  void systemPropertiesWinOverTheEnvironment() {
    AwsProxy proxy =
        AwsProxy.resolve(
            Map.of("HTTPS_PROXY", "http://env:1", "NO_PROXY", "sqs.eu-west-1.amazonaws.com"),
            properties(
                "https.proxyHost", "jvm",
                "https.proxyPort", "8443",
                "https.proxyUser", "u",
                "https.proxyPassword", "pw",
                "http.nonProxyHosts", "localhost|*.internal"));
    ProxyEndpoint endpoint = proxy.proxyFor(SQS).orElseThrow();
    assertThat(endpoint.toString()).isEqualTo("http://u:****@jvm:8443");
    assertThat(endpoint.source()).isEqualTo("https.proxyHost");
    assertThat(proxy.proxyFor(URI.create("https://queue.internal/1/q"))).isEmpty();
  }

  @Test
  void systemPropertyPortDefaultsAsInTheJdk() {
    AwsProxy proxy =
        AwsProxy.resolve(Map.of(), properties("https.proxyHost", "a", "http.proxyHost", "b"));
    assertThat(proxy.proxyFor(SQS).orElseThrow().port()).isEqualTo(443);
    assertThat(proxy.proxyFor(EMULATOR).orElseThrow().port()).isEqualTo(80);
  }

  @Test
  void loneNonProxyHostsPropertyLeavesTheEnvironmentProxyInPlace() {
    AwsProxy proxy =
        AwsProxy.resolve(
            Map.of("HTTPS_PROXY", "http://env:1"), properties("http.nonProxyHosts", "localhost"));
    assertThat(proxy.proxyFor(SQS).orElseThrow().host()).isEqualTo("env");
  }

  @Test
  void noProxyExemptsMatchingHostsOnly() {
    AwsProxy proxy =
        resolve(Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", ".amazonaws.com,localhost"));
    assertThat(proxy.proxyFor(SQS)).isEmpty();
    assertThat(proxy.proxyFor(URI.create("https://sqs.example.com/1/q"))).isPresent();
    assertThat(proxy.describe(SQS)).isEqualTo("directly (no_proxy=.amazonaws.com,localhost)");
  }

  @Test
  void descriptionsMaskThePassword() {
    AwsProxy proxy = resolve(Map.of("HTTPS_PROXY", "http://user:hunter2@proxy:3128"));
    assertThat(proxy.describe(SQS))
        .isEqualTo("through proxy http://user:****@proxy:3128 (HTTPS_PROXY)");
    assertThat(proxy.toString())
        .isEqualTo("https: http://user:****@proxy:3128 (HTTPS_PROXY); http: none")
        .doesNotContain("hunter2");
    assertThat(resolve(Map.of()).describe(SQS)).isEqualTo("directly (no proxy set)");
    assertThat(resolve(Map.of("HTTPS_PROXY", "http://user@proxy:3128")).describe(SQS))
        .isEqualTo("through proxy http://user@proxy:3128 (HTTPS_PROXY)");
  }

  @Test
  void unusableProxyUrlIsRejectedWithThePasswordMasked() {
    assertThatThrownBy(() -> resolve(Map.of("HTTPS_PROXY", "https://user:hunter2@proxy:3128")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "HTTPS_PROXY=https://user:****@proxy:3128 is not a usable proxy: only http://")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> resolve(Map.of("HTTPS_PROXY", "http://proxy:3128/path")))
        .hasMessage(
            "HTTPS_PROXY=http://proxy:3128/path is not a usable proxy: a proxy URL has no"
                + " path or query");
    assertThatThrownBy(
            () ->
                AwsProxy.resolve(
                    Map.of(), properties("https.proxyHost", "p", "https.proxyPort", "x")))
        .hasMessage("https.proxyPort=x is not a port number");
  }
}

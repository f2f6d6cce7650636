package io.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The proxy settings handed to the SDK's HTTP clients, never read by the SDK on its own. */
class SdkHttpTest {
  private static SdkHttp http(Map<String, String> env) {
    return new SdkHttp(AwsProxy.resolve(env, new Properties()), null);
  }

  @Test
  void nettyGetsTheHttpsProxyCredentialsAndExceptionPatterns() {
    var config =
        http(Map.of("HTTPS_PROXY", "http://me:pw@proxy:3128", "NO_PROXY", ".internal"))
            .nettyProxy("https");
    assertThat(config.scheme()).isEqualTo("http");
    assertThat(config.host()).isEqualTo("proxy");
    assertThat(config.port()).isEqualTo(3128);
    assertThat(config.username()).isEqualTo("me");
    assertThat(config.password()).isEqualTo("pw");
    assertThat(config.nonProxyHosts()).containsExactly("(?i)(.*\\.)?\\Qinternal\\E");
  }

  @Test
  void nettyReadsNoProxySettingOfItsOwn() {
    var config = http(Map.of("HTTPS_PROXY", "http://proxy:3128")).nettyProxy("http");
    assertThat(config.host()).isNull();
  }

  @Test
  void stsClientGoesThroughTheProxyUnlessItsHostIsExempt() {
    URI sts = AwsCredentialChain.stsEndpoint(Region.EU_WEST_1);
    assertThat(sts.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");

    var proxied = http(Map.of("HTTPS_PROXY", "http://me:pw@proxy:3128")).apacheProxy(sts);
    assertThat(proxied.host()).isEqualTo("proxy");
    assertThat(proxied.port()).isEqualTo(3128);
    assertThat(proxied.username()).isEqualTo("me");
    assertThat(proxied.password()).isEqualTo("pw");
    assertThat(proxied.preemptiveBasicAuthenticationEnabled()).isTrue();

    var exempt =
        http(Map.of("HTTPS_PROXY", "http://proxy:3128", "NO_PROXY", "amazonaws.com"))
            .apacheProxy(sts);
    assertThat(exempt.host()).isNull();
  }

  @Test
  void apacheIgnoresHttpProxyForHttpsEndpoints() {
    var config =
        http(Map.of("HTTP_PROXY", "http://plain:8080"))
            .apacheProxy(AwsCredentialChain.stsEndpoint(Region.US_EAST_1));
    assertThat(config.host()).isNull();
  }
}

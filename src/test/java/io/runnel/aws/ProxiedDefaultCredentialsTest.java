package io.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runnel.aws.ProxiedDefaultCredentials.WebIdentity;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

/** The default chain with a proxied web identity step: its order, its inputs, when it is used. */
class ProxiedDefaultCredentialsTest {
  private static final WebIdentity IRSA =
      new WebIdentity("arn:aws:iam::123456789012:role/runnel", Path.of("/var/run/token"), null);

  private static SdkHttp http(Map<String, String> env) {
    return new SdkHttp(AwsProxy.resolve(env, new Properties()), null);
  }

  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    return AwsCredentialChain.create(
        null, null, null, Region.EU_WEST_1, http(env), Optional.of(IRSA));
  }

  @Test
  void stepsComeInTheOrderOfTheSdksDefaultChain() {
    try (var chain =
        ProxiedDefaultCredentials.create(
            Region.EU_WEST_1,
            http(Map.of("HTTPS_PROXY", "http://proxy:3128")),
            Optional.of(IRSA))) {
      assertThat(chain.providers().stream().map(Object::getClass).toList())
          .containsExactly(
              SystemPropertyCredentialsProvider.class,
              EnvironmentVariableCredentialsProvider.class,
              StsWebIdentityTokenFileCredentialsProvider.class,
              ProfileCredentialsProvider.class,
              ContainerCredentialsProvider.class,
              InstanceProfileCredentialsProvider.class);
    }
  }

  @Test
  void withoutWebIdentitySettingsItsStepFailsSoTheChainMovesOn() {
    try (var chain =
        ProxiedDefaultCredentials.create(
            Region.EU_WEST_1, http(Map.of("HTTPS_PROXY", "http://proxy:3128")), Optional.empty())) {
      assertThat(chain.providers()).hasSize(6);
      assertThatThrownBy(() -> chain.providers().get(2).resolveCredentials())
          .isInstanceOf(SdkClientException.class)
          .hasMessageContaining("AWS_ROLE_ARN")
          .hasMessageContaining("AWS_WEB_IDENTITY_TOKEN_FILE");
    }
  }

  @Test
  void taskRoleUsesTheProxiedChainWhenAProxyAppliesToSts() throws Exception {
    var provider = credentials(Map.of("HTTPS_PROXY", "http://proxy:3128"));
    assertThat(provider).isInstanceOf(ProxiedDefaultCredentials.class);
    ((AutoCloseable) provider).close();
  }

  @Test
  void taskRoleKeepsTheSdksChainWithoutAProxyForSts() {
    assertThat(credentials(Map.of())).isInstanceOf(DefaultCredentialsProvider.class);
    assertThat(credentials(Map.of("HTTPS_PROXY", "http://proxy:3128", "NO_PROXY", "amazonaws.com")))
        .isInstanceOf(DefaultCredentialsProvider.class);
    assertThat(credentials(Map.of("HTTP_PROXY", "http://proxy:3128")))
        .as("HTTP_PROXY is for http:// targets; STS is https")
        .isInstanceOf(DefaultCredentialsProvider.class);
  }

  @Test
  void webIdentityIsReadFromTheSdksSystemProperties() {
    assumeTrue(System.getenv("AWS_ROLE_ARN") == null, "AWS_ROLE_ARN set in the environment");
    assumeTrue(System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null);
    assumeTrue(System.getenv("AWS_ROLE_SESSION_NAME") == null);
    try {
      System.setProperty("aws.roleArn", " arn:aws:iam::123456789012:role/runnel ");
      assertThat(WebIdentity.fromSystem()).as("no token file").isEmpty();

      System.setProperty("aws.webIdentityTokenFile", "/var/run/token");
      assertThat(WebIdentity.fromSystem()).contains(IRSA);

      System.setProperty("aws.roleSessionName", "runnel-pod");
      assertThat(WebIdentity.fromSystem().map(WebIdentity::sessionName)).contains("runnel-pod");

      System.clearProperty("aws.roleArn");
      assertThat(WebIdentity.fromSystem()).as("no role ARN").isEmpty();
    } finally {
      System.clearProperty("aws.roleArn");
      System.clearProperty("aws.webIdentityTokenFile");
      System.clearProperty("aws.roleSessionName");
    }
  }
}

package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.SqsDestination;
import io.runnel.sink.sqs.SdkRequests.Target;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.utils.internal.SystemSettingUtilsTestBackdoor;

/**
 * The settings are read as an SDK client reads them, and the endpoint they give is the one that
 * client sends to. Environment variables are set through the SDK's own test hook, which its
 * settings read before the process environment; the process environment is never changed.
 */
class EndpointSettingsTest {
  private static final SqsDestination QUEUE =
      new SqsDestination(
          SdkRequests.QUEUE,
          "us-east-1",
          "AKIDEXAMPLE",
          "secret",
          false,
          null,
          null,
          false,
          null,
          null);

  @AfterEach
  void clearEnvironment() {
    SystemSettingUtilsTestBackdoor.clearEnvironmentVariableOverrides();
    System.clearProperty("aws.endpointUrlSqs");
  }

  @Test
  void nothingSetMeansTheRegionalEndpoint() {
    assertThat(EndpointSettings.read(() -> profile(""), null)).isEqualTo(EndpointSettings.REGIONAL);
  }

  @Test
  void fipsAndDualStackFromTheEnvironment() {
    env("AWS_USE_FIPS_ENDPOINT", "true");
    env("AWS_USE_DUALSTACK_ENDPOINT", "true");

    EndpointSettings settings = EndpointSettings.read(() -> profile(""), null);

    assertThat(settings).isEqualTo(new EndpointSettings(true, true, null));
    assertSendsAsTheSdk(settings, profile(""), "default");
  }

  @Test
  void fipsAndDualStackFromTheProfile() {
    ProfileFile profile =
        profile(
            """
            [profile runnel]
            use_fips_endpoint = true
            use_dualstack_endpoint = true
            """);

    EndpointSettings settings = EndpointSettings.read(() -> profile, "runnel");

    assertThat(settings).isEqualTo(new EndpointSettings(true, true, null));
    assertSendsAsTheSdk(settings, profile, "runnel");
  }

  @Test
  void theEnvironmentBeatsTheProfile() {
    env("AWS_USE_FIPS_ENDPOINT", "false");

    assertThat(EndpointSettings.read(() -> profile("[default]\nuse_fips_endpoint = true"), null))
        .isEqualTo(EndpointSettings.REGIONAL);
  }

  @Test
  void awsEndpointUrlSqsBeatsAwsEndpointUrl() {
    env("AWS_ENDPOINT_URL", "http://every-service:4566");
    env("AWS_ENDPOINT_URL_SQS", "http://sqs-only:4566");

    EndpointSettings settings = EndpointSettings.read(() -> profile(""), null);

    assertThat(settings)
        .isEqualTo(new EndpointSettings(false, false, URI.create("http://sqs-only:4566")));
    assertSendsAsTheSdk(settings, profile(""), "default");
  }

  @Test
  void awsEndpointUrlAloneIsUsed() {
    env("AWS_ENDPOINT_URL", "http://every-service:4566");

    assertThat(EndpointSettings.read(() -> profile(""), null).endpointUrl())
        .isEqualTo(URI.create("http://every-service:4566"));
  }

  @Test
  void theSystemPropertyBeatsTheEnvironment() {
    env("AWS_ENDPOINT_URL_SQS", "http://from-env:4566");
    System.setProperty("aws.endpointUrlSqs", "http://from-property:4566");

    assertThat(EndpointSettings.read(() -> profile(""), null).endpointUrl())
        .isEqualTo(URI.create("http://from-property:4566"));
  }

  @Test
  void theProfilesSqsEndpointUrlBeatsItsGlobalOne() {
    ProfileFile profile =
        profile(
            """
            [profile runnel]
            endpoint_url = http://every-service:4566
            services = local
            [services local]
            sqs =
              endpoint_url = http://sqs-only:4566
            """);

    EndpointSettings settings = EndpointSettings.read(() -> profile, "runnel");

    assertThat(settings.endpointUrl()).isEqualTo(URI.create("http://sqs-only:4566"));
    assertSendsAsTheSdk(settings, profile, "runnel");
  }

  @Test
  void configuredEndpointUrlsCanBeIgnored() {
    env("AWS_ENDPOINT_URL_SQS", "http://sqs-only:4566");
    env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");

    EndpointSettings settings = EndpointSettings.read(() -> profile(""), null);

    assertThat(settings).isEqualTo(EndpointSettings.REGIONAL);
    assertSendsAsTheSdk(settings, profile(""), "default");
  }

  /** An SDK client left to read the same settings itself sends where Runnel sends. */
  private static void assertSendsAsTheSdk(
      EndpointSettings settings, ProfileFile profile, String profileName) {
    Target sdk =
        SdkRequests.target(
            SqsAsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(SdkRequests.KEYS)
                .overrideConfiguration(
                    c -> c.defaultProfileFile(profile).defaultProfileName(profileName)));
    assertThat(Target.of(SqsEndpoint.of(QUEUE, settings))).isEqualTo(sdk);
  }

  private static void env(String name, String value) {
    SystemSettingUtilsTestBackdoor.addEnvironmentVariableOverride(name, value);
  }

  private static ProfileFile profile(String content) {
    return ProfileFile.builder().content(content).type(ProfileFile.Type.CONFIGURATION).build();
  }
}

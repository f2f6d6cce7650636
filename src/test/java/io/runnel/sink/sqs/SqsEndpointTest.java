package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.aws.SdkHttp;
import io.runnel.config.SqsDestination;
import io.runnel.sink.sqs.SdkRequests.Target;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The one endpoint rule: sends and lookups go where an SDK client would (FIPS, dual-stack, a
 * configured endpoint URL, partitions), to the emulator with {@code use_emulator}, and to a VPC
 * endpoint queue URL's own host.
 */
class SqsEndpointTest {
  private static final String VPC_QUEUE =
      "https://vpce-0123abcd-abcdefgh.sqs.us-east-1.vpce.amazonaws.com/123456789012/q";
  private static final URI LOCAL = URI.create("http://localhost:4566");
  private static final EndpointSettings EVERYTHING = new EndpointSettings(true, true, LOCAL);

  @ParameterizedTest(name = "{0} fips={1} dualstack={2}: {3}")
  @CsvSource({
    "us-east-1, false, false, sqs.us-east-1.amazonaws.com",
    "us-east-1, true, false, sqs-fips.us-east-1.amazonaws.com",
    "us-east-1, false, true, sqs.us-east-1.api.aws",
    "us-east-1, true, true, sqs-fips.us-east-1.api.aws",
    "eu-west-1, false, true, sqs.eu-west-1.api.aws",
    "cn-north-1, false, false, sqs.cn-north-1.amazonaws.com.cn",
    "cn-north-1, false, true, sqs.cn-north-1.api.amazonwebservices.com.cn",
    "us-gov-west-1, false, false, sqs.us-gov-west-1.amazonaws.com",
    "us-gov-west-1, true, false, sqs.us-gov-west-1.amazonaws.com",
    "us-gov-west-1, true, true, sqs-fips.us-gov-west-1.api.aws",
  })
  void fipsAndDualStackGoWhereTheSdkSends(
      String region, boolean fips, boolean dualstack, String host) {
    SqsEndpoint endpoint =
        SqsEndpoint.of(aws(null, region), new EndpointSettings(fips, dualstack, null));

    assertThat(endpoint).isEqualTo(new SqsEndpoint(true, host, 443, host, "/", region));
    Target sdk =
        SdkRequests.target(
            SqsAsyncClient.builder()
                .region(Region.of(region))
                .fipsEnabled(fips)
                .dualstackEnabled(dualstack)
                .credentialsProvider(SdkRequests.KEYS));
    assertThat(Target.of(endpoint)).isEqualTo(sdk);
    assertThat(lookupTarget(endpoint)).isEqualTo(sdk);
  }

  @Test
  void aConfiguredEndpointUrlIsUsedAndSignedForTheRegion() {
    SqsEndpoint endpoint =
        SqsEndpoint.of(aws(QUEUE_EU, "eu-west-1"), new EndpointSettings(false, false, LOCAL));

    assertThat(endpoint)
        .isEqualTo(new SqsEndpoint(false, "localhost", 4566, "localhost:4566", "/", "eu-west-1"));
    assertThat(lookupTarget(endpoint))
        .isEqualTo(
            SdkRequests.target(
                SqsAsyncClient.builder()
                    .region(Region.EU_WEST_1)
                    .endpointOverride(LOCAL)
                    .credentialsProvider(SdkRequests.KEYS)));
  }

  @Test
  void fipsWithAConfiguredEndpointUrlIsRefusedAsTheSdkRefusesIt() {
    assertThatThrownBy(
            () ->
                SqsEndpoint.of(
                    aws(QUEUE_EU, "eu-west-1"), new EndpointSettings(true, false, LOCAL)))
        .isInstanceOf(SqsSetupException.class)
        .hasMessage(
            "cannot choose the SQS endpoint for region eu-west-1 with FIPS on, dual-stack off,"
                + " endpoint URL http://localhost:4566 (from aws.endpointUrlSqs, aws.endpointUrl,"
                + " AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL or the AWS profile): Invalid"
                + " Configuration: FIPS and custom endpoint are not supported");
    assertThatThrownBy(
            () ->
                SdkRequests.target(
                    SqsAsyncClient.builder()
                        .region(Region.EU_WEST_1)
                        .fipsEnabled(true)
                        .endpointOverride(LOCAL)
                        .credentialsProvider(SdkRequests.KEYS)))
        .isInstanceOf(CompletionException.class)
        .hasMessageEndingWith("Invalid Configuration: FIPS and custom endpoint are not supported");
  }

  @Test
  void theEmulatorWinsOverEverything() {
    SqsDestination emulator =
        new SqsDestination(
            VPC_QUEUE,
            "us-east-1",
            null,
            null,
            false,
            null,
            null,
            true,
            "http://elasticmq:9324",
            null);

    SqsEndpoint endpoint = SqsEndpoint.of(emulator, EVERYTHING);

    assertThat(endpoint)
        .isEqualTo(new SqsEndpoint(false, "elasticmq", 9324, "elasticmq:9324", "/", "us-east-1"));
    assertThat(endpoint.uri()).isEqualTo(URI.create("http://elasticmq:9324"));
    assertThat(lookupTarget(endpoint)).isEqualTo(Target.of(endpoint));
  }

  @Test
  void aVpcEndpointQueueUrlsOwnHostWinsOverSettings() {
    String host = "vpce-0123abcd-abcdefgh.sqs.us-east-1.vpce.amazonaws.com";

    SqsEndpoint endpoint = SqsEndpoint.of(aws(VPC_QUEUE, "us-east-1"), EVERYTHING);

    assertThat(endpoint).isEqualTo(new SqsEndpoint(true, host, 443, host, "/", "us-east-1"));
    assertThat(endpoint.uri()).isEqualTo(URI.create("https://" + host));
    assertThat(lookupTarget(endpoint)).isEqualTo(Target.of(endpoint));
  }

  static Stream<Arguments> everyKind() {
    return Stream.of(
        Arguments.of(aws(QUEUE_EU, "eu-west-1"), EndpointSettings.REGIONAL),
        Arguments.of(aws(QUEUE_EU, "eu-west-1"), new EndpointSettings(true, true, null)),
        Arguments.of(aws(null, "cn-northwest-1"), new EndpointSettings(false, true, null)),
        Arguments.of(aws(QUEUE_EU, "eu-west-1"), new EndpointSettings(false, false, LOCAL)),
        Arguments.of(aws(VPC_QUEUE, "us-east-1"), EVERYTHING));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void sendsAndLookupsGoToTheSameEndpoint(SqsDestination destination, EndpointSettings settings) {
    SqsEndpoint endpoint = SqsEndpoint.of(destination, settings);

    assertThat(lookupTarget(endpoint)).isEqualTo(Target.of(endpoint));
  }

  private static final String QUEUE_EU = "https://sqs.eu-west-1.amazonaws.com/123456789012/q";

  private static Target lookupTarget(SqsEndpoint endpoint) {
    return SdkRequests.target(SqsClients.builder(endpoint, SdkRequests.KEYS, SdkHttp.system()));
  }

  private static SqsDestination aws(String queueUrl, String region) {
    return new SqsDestination(
        queueUrl, region, "AKIDEXAMPLE", "secret", false, null, null, false, null, null);
  }
}

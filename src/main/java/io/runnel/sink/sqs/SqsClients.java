package io.runnel.sink.sqs;

import io.runnel.aws.AwsCredentialChain;
import io.runnel.aws.ProxiedDefaultCredentials;
import io.runnel.aws.SdkHttp;
import io.runnel.config.SqsDestination;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/** Builds the SQS client for a destination: region, credentials, endpoint ({@link SqsEndpoint}). */
final class SqsClients {
  static final String DEFAULT_REGION = "us-east-1";
  private static final int MAX_CONNECTIONS = 64;

  private SqsClients() {}

  /** The SDK client for {@code validate --connect}: the destination's credentials and endpoint. */
  static SqsAsyncClient create(SqsDestination destination) {
    return create(SqsEndpoint.of(destination), credentials(destination));
  }

  /** The SDK client for queue lookups (GetQueueAttributes) at {@code endpoint}. */
  static SqsAsyncClient create(SqsEndpoint endpoint, AwsCredentialsProvider credentials) {
    return builder(endpoint, credentials, SdkHttp.system()).build();
  }

  /** Like {@link #create(SqsEndpoint, AwsCredentialsProvider)}, over {@code http}. */
  static SqsAsyncClient create(
      SqsEndpoint endpoint, AwsCredentialsProvider credentials, SdkHttp http) {
    return builder(endpoint, credentials, http).build();
  }

  /**
   * The lookup client's builder: it sends to {@code endpoint}, the one sends use, over {@code http}
   * (its proxy). FIPS and dual-stack are off because {@code endpoint} already is the FIPS or
   * dual-stack host when they apply, and the SDK's rules refuse them next to an endpoint override.
   */
  static SqsAsyncClientBuilder builder(
      SqsEndpoint endpoint, AwsCredentialsProvider credentials, SdkHttp http) {
    return SqsAsyncClient.builder()
        .region(Region.of(endpoint.region()))
        .endpointOverride(endpoint.uri())
        .fipsEnabled(false)
        .dualstackEnabled(false)
        .credentialsProvider(credentials)
        .httpClientBuilder(
            http.netty(endpoint.uri().getScheme())
                .maxConcurrency(MAX_CONNECTIONS)
                .connectionAcquisitionTimeout(Duration.ofSeconds(30)));
  }

  /**
   * Where the destination's SQS calls go (sends and lookups alike), for choosing and describing the
   * proxy.
   *
   * @throws SqsSetupException when the endpoint settings contradict each other
   */
  static URI endpoint(SqsDestination destination) {
    return SqsEndpoint.of(destination).uri();
  }

  /** The signing region: {@code region:}, or the queue URL's (the config fills it in). */
  static Region region(SqsDestination destination) {
    return Region.of(destination.region() != null ? destination.region() : DEFAULT_REGION);
  }

  /** The destination's credentials (see {@link #credentials(SqsDestination, Region, SdkHttp)}). */
  static AwsCredentialsProvider credentials(SqsDestination destination) {
    return credentials(destination, region(destination), SdkHttp.system());
  }

  /**
   * Static keys when given; the emulator's dummy keys; otherwise the default chain (environment,
   * web identity, profile, container and instance roles), which refreshes itself — with its web
   * identity step over {@code http} when a proxy applies to STS ({@link
   * ProxiedDefaultCredentials}). A role ARN is assumed on top, refreshed by STS (reached over
   * {@code http}) before it expires.
   */
  static AwsCredentialsProvider credentials(
      SqsDestination destination, Region region, SdkHttp http) {
    return credentials(
        destination, region, http, ProxiedDefaultCredentials.WebIdentity.fromSystem());
  }

  /**
   * Like {@link #credentials(SqsDestination, Region, SdkHttp)}, with these web identity settings.
   */
  static AwsCredentialsProvider credentials(
      SqsDestination destination,
      Region region,
      SdkHttp http,
      Optional<ProxiedDefaultCredentials.WebIdentity> webIdentity) {
    AwsCredentialsProvider keys = null;
    if (destination.accessKeyId() != null) {
      keys = AwsCredentialChain.keys(destination.accessKeyId(), destination.secretAccessKey());
    } else if (destination.useEmulator() && !destination.useTaskRole()) {
      keys = AwsCredentialChain.keys("test", "test");
    }
    return AwsCredentialChain.create(
        keys, destination.roleArn(), destination.externalId(), region, http, webIdentity);
  }
}

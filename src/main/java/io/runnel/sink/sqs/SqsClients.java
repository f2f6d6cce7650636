package io.runnel.sink.sqs;

import io.runnel.config.SqsDestination;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

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
    return builder(endpoint, credentials).build();
  }

  /**
   * The lookup client's builder: it sends to {@code endpoint}, the one sends use. FIPS and
   * dual-stack are off because {@code endpoint} already is the FIPS or dual-stack host when they
   * apply, and the SDK's rules refuse them next to an endpoint override.
   */
  static SqsAsyncClientBuilder builder(SqsEndpoint endpoint, AwsCredentialsProvider credentials) {
    return SqsAsyncClient.builder()
        .region(Region.of(endpoint.region()))
        .endpointOverride(endpoint.uri())
        .fipsEnabled(false)
        .dualstackEnabled(false)
        .credentialsProvider(credentials)
        .httpClientBuilder(
            NettyNioAsyncHttpClient.builder()
                .maxConcurrency(MAX_CONNECTIONS)
                .connectionAcquisitionTimeout(Duration.ofSeconds(30)));
  }

  /** The signing region: {@code region:}, or the queue URL's (the config fills it in). */
  static Region region(SqsDestination destination) {
    return Region.of(destination.region() != null ? destination.region() : DEFAULT_REGION);
  }

  /** The destination's credentials (see {@link #credentials(SqsDestination, Region)}). */
  static AwsCredentialsProvider credentials(SqsDestination destination) {
    return credentials(destination, region(destination));
  }

  /**
   * Static keys when given; the emulator's dummy keys; otherwise the default chain (environment,
   * profile, web identity, container and instance roles), which refreshes itself. A role ARN is
   * assumed on top, refreshed by STS before it expires.
   */
  static AwsCredentialsProvider credentials(SqsDestination destination, Region region) {
    AwsCredentialsProvider base;
    if (destination.accessKeyId() != null) {
      base =
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(destination.accessKeyId(), destination.secretAccessKey()));
    } else if (destination.useEmulator() && !destination.useTaskRole()) {
      base = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    } else {
      base = DefaultCredentialsProvider.builder().build();
    }
    if (destination.roleArn() == null) {
      return base;
    }
    StsClient sts = StsClient.builder().region(region).credentialsProvider(base).build();
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .asyncCredentialUpdateEnabled(true)
        .refreshRequest(
            request -> {
              request.roleArn(destination.roleArn()).roleSessionName("runnel");
              if (destination.externalId() != null) {
                request.externalId(destination.externalId());
              }
            })
        .build();
  }
}

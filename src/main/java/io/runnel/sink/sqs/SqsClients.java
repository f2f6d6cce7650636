package io.runnel.sink.sqs;

import io.runnel.config.SqsDestination;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointParams;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/** Builds the SQS client for a destination: region, credentials, emulator endpoint. */
final class SqsClients {
  static final String DEFAULT_REGION = "us-east-1";
  private static final int MAX_CONNECTIONS = 64;

  private SqsClients() {}

  static SqsAsyncClient create(SqsDestination destination) {
    return create(destination, credentials(destination));
  }

  /** The SDK client for queue lookups (GetQueueAttributes), with these credentials. */
  static SqsAsyncClient create(SqsDestination destination, AwsCredentialsProvider credentials) {
    return create(destination, credentials, SdkHttp.system());
  }

  /** Like {@link #create(SqsDestination, AwsCredentialsProvider)}, over {@code http}. */
  static SqsAsyncClient create(
      SqsDestination destination, AwsCredentialsProvider credentials, SdkHttp http) {
    var builder =
        SqsAsyncClient.builder()
            .region(region(destination))
            .credentialsProvider(credentials)
            .httpClientBuilder(
                http.netty(endpoint(destination).getScheme())
                    .maxConcurrency(MAX_CONNECTIONS)
                    .connectionAcquisitionTimeout(Duration.ofSeconds(30)));
    if (destination.useEmulator()) {
      builder.endpointOverride(URI.create(destination.emulatorBaseUrl()));
    }
    return builder.build();
  }

  /**
   * Where the destination's SDK calls go, for choosing and describing the proxy: the emulator, the
   * queue URL, or (a routing sink without a queue) the region's endpoint.
   */
  static URI endpoint(SqsDestination destination) {
    if (destination.useEmulator()) {
      return URI.create(destination.emulatorBaseUrl());
    }
    if (destination.queueUrl() != null) {
      return URI.create(destination.queueUrl());
    }
    return URI.create("https://sqs." + region(destination).id() + ".amazonaws.com");
  }

  static Region region(SqsDestination destination) {
    return Region.of(destination.region() != null ? destination.region() : DEFAULT_REGION);
  }

  /** The destination's credentials (see {@link #credentials(SqsDestination, Region, SdkHttp)}). */
  static AwsCredentialsProvider credentials(SqsDestination destination) {
    return credentials(destination, region(destination), SdkHttp.system());
  }

  /**
   * Static keys when given; the emulator's dummy keys; otherwise the default chain (environment,
   * profile, web identity, container and instance roles), which refreshes itself. A role ARN is
   * assumed on top, refreshed by STS (reached over {@code http}) before it expires.
   */
  static AwsCredentialsProvider credentials(
      SqsDestination destination, Region region, SdkHttp http) {
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
    StsClient sts =
        StsClient.builder()
            .region(region)
            .credentialsProvider(base)
            .httpClientBuilder(http.apache(stsEndpoint(region)))
            .build();
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

  /** The STS endpoint the SDK picks for {@code region}, whose host decides the proxy. */
  static URI stsEndpoint(Region region) {
    return StsEndpointProvider.defaultProvider()
        .resolveEndpoint(StsEndpointParams.builder().region(region).build())
        .join()
        .url();
  }
}

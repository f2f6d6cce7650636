package io.runnel.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointParams;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/**
 * The credentials Runnel signs AWS requests with, for SQS sinks and RDS IAM tokens alike: static
 * keys when configured, otherwise a base chain the caller picks (the SDK's default chain:
 * environment, web identity (EKS IRSA), profile, container and instance roles), with a role ARN
 * assumed on top. Stateless; the providers refresh themselves and are thread-safe.
 */
public final class AwsCredentialChain {
  /** The session name of every role Runnel assumes, as CloudTrail shows it. */
  public static final String SESSION_NAME = "runnel";

  private AwsCredentialChain() {}

  /** Fixed access keys. */
  public static AwsCredentialsProvider keys(String accessKeyId, String secretAccessKey) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }

  /**
   * {@code base}, or when {@code roleArn} is not null: that role assumed with {@code base}'s
   * credentials (and {@code externalId} when not null), refreshed by STS in {@code region} over
   * {@code stsHttp} before it expires.
   */
  public static AwsCredentialsProvider withRole(
      AwsCredentialsProvider base,
      String roleArn,
      String externalId,
      Region region,
      SdkHttpClient.Builder<?> stsHttp) {
    if (roleArn == null) {
      return base;
    }
    StsClient sts =
        StsClient.builder()
            .region(region)
            .credentialsProvider(base)
            .httpClientBuilder(stsHttp)
            .build();
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .asyncCredentialUpdateEnabled(true)
        .refreshRequest(
            request -> {
              request.roleArn(roleArn).roleSessionName(SESSION_NAME);
              if (externalId != null) {
                request.externalId(externalId);
              }
            })
        .build();
  }

  /** The STS endpoint the SDK picks for {@code region}, whose host decides the proxy. */
  public static URI stsEndpoint(Region region) {
    return StsEndpointProvider.defaultProvider()
        .resolveEndpoint(StsEndpointParams.builder().region(region).build())
        .join()
        .url();
  }
}

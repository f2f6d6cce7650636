package io.runnel.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointParams;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/**
 * The credentials Runnel signs AWS requests with, for SQS sinks and RDS IAM tokens alike: static
 * keys when configured, otherwise the SDK's default chain (environment, web identity (EKS IRSA),
 * profile, container and instance roles), with a role ARN assumed on top; every STS call through
 * Runnel's proxy ({@link SdkHttp}). Stateless; the providers refresh themselves and are
 * thread-safe.
 */
public final class AwsCredentialChain {
  /** The session name of every role Runnel assumes, as CloudTrail shows it. */
  public static final String SESSION_NAME = "runnel";

  private AwsCredentialChain() {}

  /**
   * {@code keys} when not null, otherwise the default chain (environment, web identity, profile,
   * container and instance roles), which refreshes itself — with its web identity step over {@code
   * http} when a proxy applies to STS ({@link ProxiedDefaultCredentials}); then {@code roleArn}
   * assumed on top ({@link #withRole}), STS reached over {@code http}.
   *
   * @param keys static keys, or null for the default chain
   * @param roleArn a role to assume, or null
   * @param externalId the role's external id, or null
   */
  public static AwsCredentialsProvider create(
      AwsCredentialsProvider keys,
      String roleArn,
      String externalId,
      Region region,
      SdkHttp http,
      Optional<ProxiedDefaultCredentials.WebIdentity> webIdentity) {
    AwsCredentialsProvider base;
    if (keys != null) {
      base = keys;
    } else if (http.proxy().proxyFor(stsEndpoint(region)).isPresent()) {
      base = ProxiedDefaultCredentials.create(region, http, webIdentity);
    } else {
      base = DefaultCredentialsProvider.builder().build();
    }
    return withRole(base, roleArn, externalId, region, http.apache(stsEndpoint(region)));
  }

  /**
   * The default chain with {@code roleArn} (when not null) assumed on top, through the process's
   * proxy and web identity settings (RDS IAM tokens use this).
   */
  public static AwsCredentialsProvider defaultChain(
      String roleArn, String externalId, Region region) {
    return create(
        null,
        roleArn,
        externalId,
        region,
        SdkHttp.system(),
        ProxiedDefaultCredentials.WebIdentity.fromSystem());
  }

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
  static AwsCredentialsProvider withRole(
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

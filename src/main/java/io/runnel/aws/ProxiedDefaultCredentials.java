package io.runnel.aws;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.services.sts.model.IdpCommunicationErrorException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK's default credentials chain ({@code DefaultCredentialsProvider}, SDK 2.57) for {@code
 * use_task_role} (and database IAM tokens) when a proxy applies to STS: the same steps in the same
 * order — system properties, environment, web identity, profile, container, instance profile —
 * except that the web identity step (EKS IRSA) calls STS {@code AssumeRoleWithWebIdentity} over
 * {@link SdkHttp#apache}, through Runnel's proxy. The SDK's own step uses its default HTTP client,
 * which reads only {@code HTTP_PROXY} or the {@code http.proxyHost} properties.
 *
 * <p>As in the SDK: the STS client signs nothing (anonymous) and also retries {@code
 * IDPCommunicationError}; the session name defaults to {@code aws-sdk-java-<millis>}; refreshes are
 * synchronous; the chain reuses the step that last succeeded. Unlike the SDK, STS is the regional
 * endpoint of the sink's or database's region (the one the proxy was chosen for), and the chain is
 * built at once rather than on first use. Container and instance credentials stay unproxied (the
 * SDK opens them with {@code Proxy.NO_PROXY}). A profile's {@code web_identity_token_file} or
 * {@code source_profile} still reaches STS through the SDK's own client.
 *
 * <p>Thread-safe. {@link #close} closes the STS client.
 */
public final class ProxiedDefaultCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

  /**
   * The web identity step's inputs, as the SDK reads them: {@code aws.roleArn}/{@code
   * AWS_ROLE_ARN}, {@code aws.webIdentityTokenFile}/{@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code
   * aws.roleSessionName}/{@code AWS_ROLE_SESSION_NAME} (system property first).
   *
   * @param sessionName null = the SDK's {@code aws-sdk-java-<millis>}
   */
  public record WebIdentity(String roleArn, Path tokenFile, String sessionName) {

    /** The process's settings; empty unless both the role ARN and the token file are set. */
    public static Optional<WebIdentity> fromSystem() {
      Optional<String> roleArn = setting(SdkSystemSetting.AWS_ROLE_ARN);
      Optional<String> tokenFile = setting(SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE);
      if (roleArn.isEmpty() || tokenFile.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new WebIdentity(
              roleArn.get(),
              Path.of(tokenFile.get()),
              setting(SdkSystemSetting.AWS_ROLE_SESSION_NAME).orElse(null)));
    }

    private static Optional<String> setting(SdkSystemSetting setting) {
      return setting.getStringValue().map(String::strip).filter(s -> !s.isEmpty());
    }
  }

  private final List<AwsCredentialsProvider> providers;
  private final AwsCredentialsProviderChain chain;
  private final StsClient sts;

  private ProxiedDefaultCredentials(List<AwsCredentialsProvider> providers, StsClient sts) {
    this.providers = providers;
    this.chain =
        AwsCredentialsProviderChain.builder()
            .reuseLastProviderEnabled(true)
            .credentialsProviders(providers)
            .build();
    this.sts = sts;
  }

  /**
   * The chain, its web identity step calling STS in {@code region} over {@code http}; that step
   * fails (and the chain moves on) when {@code webIdentity} is empty.
   */
  public static ProxiedDefaultCredentials create(
      Region region, SdkHttp http, Optional<WebIdentity> webIdentity) {
    StsClient sts = webIdentity.map(w -> stsClient(region, http)).orElse(null);
    AwsCredentialsProvider webIdentityStep =
        webIdentity
            .<AwsCredentialsProvider>map(
                w ->
                    StsWebIdentityTokenFileCredentialsProvider.builder()
                        .stsClient(sts)
                        .roleArn(w.roleArn())
                        .webIdentityTokenFile(w.tokenFile())
                        .roleSessionName(w.sessionName())
                        .build())
            .orElseGet(WebIdentityNotSet::new);
    return new ProxiedDefaultCredentials(
        List.of(
            SystemPropertyCredentialsProvider.create(),
            EnvironmentVariableCredentialsProvider.create(),
            webIdentityStep,
            ProfileCredentialsProvider.create(),
            ContainerCredentialsProvider.create(),
            InstanceProfileCredentialsProvider.create()),
        sts);
  }

  private static StsClient stsClient(Region region, SdkHttp http) {
    return StsClient.builder()
        .region(region)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .httpClientBuilder(http.apache(AwsCredentialChain.stsEndpoint(region)))
        .overrideConfiguration(
            o ->
                o.retryStrategy(
                    r -> r.retryOnExceptionInstanceOf(IdpCommunicationErrorException.class)))
        .build();
  }

  /** The steps in the order they are tried. */
  public List<AwsCredentialsProvider> providers() {
    return providers;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return chain.resolveCredentials();
  }

  @Override
  public void close() {
    chain.close();
    if (sts != null) {
      sts.close();
    }
  }

  @Override
  public String toString() {
    return "ProxiedDefaultCredentials" + providers;
  }

  /** The web identity step without its settings: fails, naming them, as the SDK's step does. */
  private static final class WebIdentityNotSet implements AwsCredentialsProvider {
    @Override
    public AwsCredentials resolveCredentials() {
      throw SdkClientException.create(
          "web identity needs aws.roleArn or AWS_ROLE_ARN and aws.webIdentityTokenFile or"
              + " AWS_WEB_IDENTITY_TOKEN_FILE");
    }

    @Override
    public String toString() {
      return "WebIdentity(not set)";
    }
  }
}

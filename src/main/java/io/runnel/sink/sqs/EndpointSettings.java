package io.runnel.sink.sqs;

import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider;
import software.amazon.awssdk.awscore.endpoint.DualstackEnabledProvider;
import software.amazon.awssdk.awscore.endpoint.FipsEnabledProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The settings outside Runnel's config that move SQS requests to another endpoint, read by the AWS
 * SDK's own providers exactly as an {@code SqsAsyncClient} built without an endpoint reads them:
 * FIPS ({@code aws.useFipsEndpoint}, {@code AWS_USE_FIPS_ENDPOINT}, profile {@code
 * use_fips_endpoint}), dual-stack (likewise {@code …Dualstack…}) and a configured endpoint URL
 * ({@code aws.endpointUrlSqs}, {@code aws.endpointUrl}, {@code AWS_ENDPOINT_URL_SQS}, {@code
 * AWS_ENDPOINT_URL}, the profile's {@code services} section and {@code endpoint_url}; none with
 * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}). The precedence is the SDK's. Immutable; tests build
 * one directly instead of changing the process environment.
 *
 * @param endpointUrl the configured endpoint URL, or null for the SDK's endpoint rules
 */
record EndpointSettings(boolean fips, boolean dualstack, URI endpointUrl) {
  /** Neither FIPS nor dual-stack, no configured endpoint: the regional endpoint. */
  static final EndpointSettings REGIONAL = new EndpointSettings(false, false, null);

  /** Reads system properties, the environment and the default profile file. Blocks on file I/O. */
  static EndpointSettings read() {
    return read(ProfileFile::defaultProfileFile, null);
  }

  /**
   * Reads system properties, the environment and {@code profiles}.
   *
   * @param profileName the profile, or null for the SDK's choice ({@code AWS_PROFILE}, else {@code
   *     default})
   */
  static EndpointSettings read(Supplier<ProfileFile> profiles, String profileName) {
    ProfileFile file = profiles.get();
    Supplier<ProfileFile> profile = () -> file;
    boolean fips =
        FipsEnabledProvider.builder()
            .profileFile(profile)
            .profileName(profileName)
            .build()
            .isFipsEnabled()
            .orElse(false);
    boolean dualstack =
        DualstackEnabledProvider.builder()
            .profileFile(profile)
            .profileName(profileName)
            .build()
            .isDualstackEnabled()
            .orElse(false);
    // The same builder calls SqsAsyncClient.builder() makes for its endpoint override.
    URI endpointUrl =
        AwsClientEndpointProvider.builder()
            .serviceEndpointOverrideEnvironmentVariable("AWS_ENDPOINT_URL_SQS")
            .serviceEndpointOverrideSystemProperty("aws.endpointUrlSqs")
            .serviceProfileProperty("sqs")
            .profileFile(profile)
            .profileName(profileName)
            .resolveFromOverrides()
            .orElse(null);
    return new EndpointSettings(fips, dualstack, endpointUrl);
  }

  /** For messages: "FIPS on, dual-stack off, endpoint URL https://… (from …)". */
  String describe() {
    return "FIPS "
        + (fips ? "on" : "off")
        + ", dual-stack "
        + (dualstack ? "on" : "off")
        + (endpointUrl == null
            ? ""
            : ", endpoint URL "
                + endpointUrl
                + " (from aws.endpointUrlSqs, aws.endpointUrl, AWS_ENDPOINT_URL_SQS,"
                + " AWS_ENDPOINT_URL or the AWS profile)");
  }
}

package io.runnel.sink.sqs;

import io.runnel.config.QueueUrls;
import io.runnel.config.SqsDestination;
import java.net.URI;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.endpoints.SqsEndpointParams;
import software.amazon.awssdk.services.sqs.endpoints.SqsEndpointProvider;

/**
 * Where a sink's SQS requests go and how they are signed: SendMessageBatch through Runnel's own
 * client, and the SDK client's lookups (which take {@link #uri()} as their endpoint), so the two
 * cannot disagree. Immutable.
 *
 * <p>The one rule, first match wins: {@code use_emulator}'s {@code emulator_base_url}; the queue
 * URL's own host when it is a VPC interface endpoint (inside the VPC the regional host may not be
 * reachable); otherwise the AWS SDK's endpoint rules for the region with the {@link
 * EndpointSettings} an SDK client would read (FIPS, dual-stack, {@code AWS_ENDPOINT_URL_SQS} …;
 * partitions such as China and GovCloud included).
 *
 * @param hostHeader the {@code Host} header: the host, with the port when it is not the scheme's
 * @param path the request path (normally {@code /})
 * @param region the SigV4 signing region
 */
record SqsEndpoint(
    boolean tls, String host, int port, String hostHeader, String path, String region) {

  /**
   * The destination's endpoint under the settings of this process. Blocks on reading the AWS
   * profile file.
   *
   * @throws SqsSetupException when the SDK's rules refuse the settings (FIPS or dual-stack with a
   *     configured endpoint URL)
   */
  static SqsEndpoint of(SqsDestination destination) {
    return of(destination, EndpointSettings.read());
  }

  /** The destination's endpoint under {@code settings}; see {@link #of(SqsDestination)}. */
  static SqsEndpoint of(SqsDestination destination, EndpointSettings settings) {
    Region region = SqsClients.region(destination);
    return of(uri(destination, region, settings), region.id());
  }

  static SqsEndpoint of(URI uri, String region) {
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int defaultPort = tls ? 443 : 80;
    int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
    String hostHeader = port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new SqsEndpoint(tls, uri.getHost(), port, hostHeader, path, region);
  }

  /** This endpoint as a URL, for the SDK client's {@code endpointOverride}. */
  URI uri() {
    return URI.create(
        (tls ? "https" : "http") + "://" + hostHeader + ("/".equals(path) ? "" : path));
  }

  private static URI uri(SqsDestination destination, Region region, EndpointSettings settings) {
    if (destination.useEmulator()) {
      return URI.create(destination.emulatorBaseUrl());
    }
    String queueUrl = destination.queueUrl();
    if (queueUrl != null && QueueUrls.isVpcEndpoint(queueUrl)) {
      URI queue = URI.create(queueUrl);
      return URI.create(queue.getScheme() + "://" + queue.getRawAuthority());
    }
    SqsEndpointParams.Builder params =
        SqsEndpointParams.builder()
            .region(region)
            .useFips(settings.fips())
            .useDualStack(settings.dualstack());
    if (settings.endpointUrl() != null) {
      params.endpoint(settings.endpointUrl().toString());
    }
    try {
      return SqsEndpointProvider.defaultProvider()
          .resolveEndpoint(params.build())
          .join()
          .endpointUrl()
          .toUri();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new SqsSetupException(
          "cannot choose the SQS endpoint for region "
              + region.id()
              + " with "
              + settings.describe()
              + ": "
              + cause.getMessage(),
          cause);
    }
  }
}

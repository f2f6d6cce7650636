package io.runnel.sink.sqs;

import io.runnel.config.SqsDestination;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.endpoints.SqsEndpointParams;
import software.amazon.awssdk.services.sqs.endpoints.SqsEndpointProvider;

/**
 * Where SendMessageBatch requests go and how they are signed: the emulator's base URL, or the
 * regional endpoint the AWS SDK's own rules give (partitions such as China and GovCloud included).
 * Immutable.
 *
 * @param hostHeader the {@code Host} header: the host, with the port when it is not the scheme's
 * @param path the request path (normally {@code /})
 * @param region the SigV4 signing region
 */
record SqsEndpoint(
    boolean tls, String host, int port, String hostHeader, String path, String region) {

  static SqsEndpoint of(SqsDestination destination) {
    String region = destination.region() != null ? destination.region() : SqsClients.DEFAULT_REGION;
    URI uri =
        destination.useEmulator()
            ? URI.create(destination.emulatorBaseUrl())
            : SqsEndpointProvider.defaultProvider()
                .resolveEndpoint(SqsEndpointParams.builder().region(Region.of(region)).build())
                .join()
                .url();
    return of(uri, region);
  }

  static SqsEndpoint of(URI uri, String region) {
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int defaultPort = tls ? 443 : 80;
    int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
    String hostHeader = port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new SqsEndpoint(tls, uri.getHost(), port, hostHeader, path, region);
  }
}

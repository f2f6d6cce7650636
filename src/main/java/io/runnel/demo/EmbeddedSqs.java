package io.runnel.demo;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An in-process SQS-compatible server (ElasticMQ) on a loopback port, for the demo and the tests.
 * Its queue URLs look like {@code http://localhost:PORT/000000000000/NAME}.
 */
public final class EmbeddedSqs implements AutoCloseable {
  public static final String ACCOUNT = "000000000000";

  private final SQSRestServer server;
  private final int port;

  private EmbeddedSqs(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts on {@code port} (0 picks a free one). Blocks until it listens. */
  public static EmbeddedSqs start(int port) {
    SQSRestServer server =
        SQSRestServerBuilder.withInterface("127.0.0.1")
            .withPort(port)
            .withServerAddress(new org.elasticmq.NodeAddress("http", "localhost", port, ""))
            .start();
    int bound = server.waitUntilStarted().localAddress().getPort();
    return new EmbeddedSqs(server, bound);
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public String queueUrl(String name) {
    return baseUrl() + "/" + ACCOUNT + "/" + name;
  }

  /** A synchronous client for creating, reading and deleting queues. Close it when done. */
  public SqsClient client() {
    return SqsClient.builder()
        .endpointOverride(URI.create(baseUrl()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}

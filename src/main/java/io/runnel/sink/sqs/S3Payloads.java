package io.runnel.sink.sqs;

import io.runnel.aws.SdkHttp;
import io.runnel.config.LargePayloads;
import io.runnel.config.SqsDestination;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/*
 * Design: why the SDK's async client.
 *
 * SendMessageBatch has its own HTTP client because it is the hot path of every message; a PutObject
 * happens only for bodies too large for the queue (or with always: true), each carrying up to a few
 * MB, so the per-request overhead of the SDK is small next to the upload, and the SDK brings what a
 * hand-written client would have to match: S3's endpoint rules (FIPS, dual-stack,
 * AWS_ENDPOINT_URL_S3, virtual-hosted buckets), SigV4 with payload checksums, retries of 5xx and
 * throttling, and the clock-skew correction of its retry strategy. Its Netty client is the one the
 * SQS lookups use (SdkHttp: Runnel's proxy, the same trust), so S3 calls take the same route.
 */

/**
 * Writes message bodies to the bucket of a sink's {@code large_payloads} with PutObject, under a
 * key derived from the sink and the message's idempotency key, so a retry or a restart rewrites the
 * same object. Non-blocking; thread-safe.
 */
final class S3Payloads implements AutoCloseable {
  private static final int MAX_CONNECTIONS = 64;
  private static final HexFormat HEX = HexFormat.of();

  private final S3AsyncClient client;
  private final LargePayloads config;
  private final String sinkName;

  S3Payloads(S3AsyncClient client, LargePayloads config, String sinkName) {
    this.client = client;
    this.config = config;
    this.sinkName = sinkName;
  }

  /** The writer of {@code destination}'s large payloads, with the destination's credentials. */
  static S3Payloads open(
      SqsDestination destination, AwsCredentialsProvider credentials, String sinkName) {
    return new S3Payloads(
        client(destination, credentials, SdkHttp.system()), destination.largePayloads(), sinkName);
  }

  /**
   * The S3 client: the bucket's region (default the queue's), the destination's credentials, over
   * {@code http}; a configured endpoint is addressed path-style.
   */
  static S3AsyncClient client(
      SqsDestination destination, AwsCredentialsProvider credentials, SdkHttp http) {
    LargePayloads payloads = destination.largePayloads();
    URI endpoint = payloads.endpoint() == null ? null : URI.create(payloads.endpoint());
    S3AsyncClientBuilder builder =
        S3AsyncClient.builder()
            .region(region(destination))
            .credentialsProvider(credentials)
            .httpClientBuilder(
                http.netty(endpoint == null ? "https" : endpoint.getScheme())
                    .maxConcurrency(MAX_CONNECTIONS)
                    .connectionAcquisitionTimeout(Duration.ofSeconds(30)))
            .overrideConfiguration(
                o ->
                    o.apiCallAttemptTimeout(Duration.ofSeconds(60))
                        .apiCallTimeout(Duration.ofMinutes(3)));
    if (endpoint != null) {
      builder.endpointOverride(endpoint).forcePathStyle(true);
    }
    if (payloads.useEmulator()) {
      // Older emulators refuse the trailing checksums the SDK sends by default.
      builder
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  /** The bucket's region: {@code large_payloads.region}, else the queue's. */
  static Region region(SqsDestination destination) {
    String region = destination.largePayloads().region();
    return region != null ? Region.of(region) : SqsClients.region(destination);
  }

  String bucket() {
    return config.bucket();
  }

  /**
   * The object key of a message: the prefix, then the SHA-256 (hex) of the sink name and the
   * idempotency key. Idempotency keys are Base64 ({@code /} and {@code +} would make odd keys) and
   * a prefix may be shared by several sinks, hence the digest of both.
   */
  String key(String idempotencyKey) {
    return key(config.keyPrefix(), sinkName, idempotencyKey);
  }

  static String key(String prefix, String sinkName, String idempotencyKey) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    sha256.update(sinkName.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) '\n');
    sha256.update(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    return (prefix == null ? "" : prefix) + HEX.formatHex(sha256.digest());
  }

  /**
   * Writes {@code body} under {@code key}; the future fails with the SDK's exception (see {@link
   * S3Errors}).
   */
  CompletableFuture<Void> put(String key, byte[] body) {
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(config.bucket())
            .key(key)
            .contentLength((long) body.length)
            .contentType("application/json");
    if (config.serverSideEncryption() != null) {
      request.serverSideEncryption(ServerSideEncryption.fromValue(config.serverSideEncryption()));
      if (config.kmsKeyId() != null) {
        request.ssekmsKeyId(config.kmsKeyId());
      }
    }
    return client
        .putObject(request.build(), AsyncRequestBody.fromBytes(body))
        .thenApply(response -> null);
  }

  /** Deletes the object under {@code key} (validate's write test cleans up with it). */
  CompletableFuture<Void> delete(String key) {
    return client
        .deleteObject(request -> request.bucket(config.bucket()).key(key))
        .thenApply(response -> null);
  }

  /** HeadBucket: whether the bucket exists and these credentials may use it. */
  CompletableFuture<Void> headBucket() {
    return client.headBucket(request -> request.bucket(config.bucket())).thenApply(r -> null);
  }

  @Override
  public void close() {
    client.close();
  }
}

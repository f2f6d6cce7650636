package io.runnel.config;

/**
 * A sink's {@code destination.large_payloads}: message bodies over the threshold (or every body,
 * with {@code always}) go to S3 and the queue gets a pointer in the SQS Extended Client's format
 * (DESIGN.md §4). Immutable.
 *
 * @param bucket the S3 bucket the bodies are written to
 * @param keyPrefix put before each object's key; {@code runnel/<sink>/} unless configured
 * @param thresholdBytes bodies larger than this are offloaded; null = the queue's max message size
 * @param always offload every message, whatever its size
 * @param region the bucket's region; null = the queue's
 * @param endpoint a local S3 (addressed path-style), or null for AWS
 * @param useEmulator the endpoint is an emulator: request checksums only where S3 requires them
 * @param serverSideEncryption {@code AES256}, {@code aws:kms}, or null for the bucket's default
 * @param kmsKeyId the KMS key with {@code aws:kms}, or null for the account's default S3 key
 */
public record LargePayloads(
    String bucket,
    String keyPrefix,
    Integer thresholdBytes,
    boolean always,
    String region,
    String endpoint,
    boolean useEmulator,
    String serverSideEncryption,
    String kmsKeyId) {

  /** The default key prefix of {@code sinkName}'s objects. */
  public static String defaultKeyPrefix(String sinkName) {
    return "runnel/" + sinkName + "/";
  }
}

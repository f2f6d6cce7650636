package io.runnel.config;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads {@code sinks[].destination.large_payloads}. Only {@code s3_bucket} is required; everything
 * else has a default (DESIGN.md §3). Credentials are the destination's.
 */
final class LargePayloadsSection {
  static final KeyChecker.Keys KEYS =
      KeyChecker.Keys.of(
          "s3_bucket",
          "s3_key_prefix",
          "threshold_bytes",
          "always",
          "region",
          "endpoint",
          "use_emulator",
          "server_side_encryption",
          "kms_key_id");

  /** S3's rule for bucket names (general purpose buckets): 3–63 of a-z 0-9 . - */
  private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");

  private static final Pattern HTTP = Pattern.compile("^https?://\\S+$");
  static final String AES256 = "AES256";
  static final String KMS = "aws:kms";

  /** S3 keys are at most 1024 bytes; the prefix leaves room for the derived part. */
  static final int MAX_PREFIX_BYTES = 900;

  private LargePayloadsSection() {}

  /** The section, null when absent or invalid (problems reported to {@code destination}'s). */
  static LargePayloads read(Fields destination, String sinkName) {
    YamlNode node = destination.get("large_payloads");
    if (node == null) {
      return null;
    }
    Problems problems = destination.problems();
    int before = problems.count();
    Fields fields = Fields.of(node, KEYS, problems);
    if (!fields.ok()) {
      return null;
    }
    String bucket = bucket(fields);
    String prefix = prefix(fields, sinkName);
    Integer threshold =
        fields.intIn("threshold_bytes", null, 1, 1_048_576, "must be between 1 and 1048576");
    Boolean always = fields.bool("always", false);
    String region = region(fields);
    Boolean emulator = fields.bool("use_emulator", false);
    String endpoint = endpoint(fields, Boolean.TRUE.equals(emulator));
    String encryption = encryption(fields);
    if (problems.count() > before) {
      return null;
    }
    return new LargePayloads(
        bucket,
        prefix,
        threshold,
        always,
        region,
        endpoint,
        emulator,
        encryption,
        fields.text("kms_key_id"));
  }

  private static String bucket(Fields fields) {
    String bucket = fields.required("s3_bucket");
    if (bucket != null && (!BUCKET.matcher(bucket).matches() || bucket.contains(".."))) {
      fields.problem(
          "s3_bucket",
          "must be an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens,"
              + " starting and ending with a letter or digit");
    }
    return bucket;
  }

  private static String prefix(Fields fields, String sinkName) {
    String prefix = fields.string("s3_key_prefix");
    if (prefix == null) {
      return fields.has("s3_key_prefix") || sinkName == null
          ? null
          : LargePayloads.defaultKeyPrefix(sinkName);
    }
    if (prefix.startsWith("/")) {
      fields.problem("s3_key_prefix", "must not start with / (S3 keys have no leading slash)");
    } else if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
      fields.problem("s3_key_prefix", "must be at most " + MAX_PREFIX_BYTES + " bytes");
    }
    return prefix;
  }

  private static String region(Fields fields) {
    String region = fields.text("region");
    if (region != null && !QueueUrls.REGION.matcher(region).matches()) {
      fields.problem("region", "must be an AWS region like us-east-1");
    }
    return region;
  }

  private static String endpoint(Fields fields, boolean emulator) {
    String endpoint = fields.text("endpoint");
    if (endpoint != null && !HTTP.matcher(endpoint).matches()) {
      fields.problem("endpoint", "must start with http:// or https://");
    } else if (endpoint == null && emulator && !fields.has("endpoint")) {
      fields.missing("endpoint", "required with use_emulator: true");
    }
    return endpoint;
  }

  private static String encryption(Fields fields) {
    String encryption = fields.text("server_side_encryption");
    if (encryption != null && !encryption.equals(AES256) && !encryption.equals(KMS)) {
      fields.problem("server_side_encryption", "must be AES256 or aws:kms");
      return null;
    }
    if (fields.has("kms_key_id") && !KMS.equals(encryption)) {
      fields.problem("kms_key_id", "only used with server_side_encryption: aws:kms");
    }
    return encryption;
  }
}

package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** sinks[].destination.large_payloads: defaults, and each rejection. */
class LargePayloadsRulesTest {
  private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/orders";

  /** A destination with large_payloads holding {@code lines}; those start on line 14. */
  private static String with(String lines) {
    StringBuilder yaml =
        new StringBuilder("queue_url: " + QUEUE + "\nuse_task_role: true\nlarge_payloads:\n");
    for (String line : lines.stripTrailing().split("\n")) {
      yaml.append("  ").append(line).append('\n');
    }
    return Configs.destination(yaml.toString());
  }

  private static LargePayloads parsed(String lines) {
    return Configs.parse(with(lines)).sinks().get(0).destination().largePayloads();
  }

  @Test
  void absentMeansNoOffloading() {
    String yaml = Configs.destination("queue_url: " + QUEUE + "\nuse_task_role: true");

    assertThat(Configs.parse(yaml).sinks().get(0).destination().largePayloads()).isNull();
  }

  @Test
  void onlyTheBucketIsRequiredAndTheRestDefaults() {
    LargePayloads payloads = parsed("s3_bucket: my-bucket");

    assertThat(payloads)
        .isEqualTo(
            new LargePayloads(
                "my-bucket", "runnel/s/", null, false, null, null, false, null, null));
  }

  @Test
  void everyKeyIsRead() {
    LargePayloads payloads =
        parsed(
            """
            s3_bucket: my.bucket-1
            s3_key_prefix: cdc/
            threshold_bytes: 1000
            always: true
            region: eu-west-1
            endpoint: http://localhost:9000
            use_emulator: true
            server_side_encryption: aws:kms
            kms_key_id: alias/runnel
            """);

    assertThat(payloads)
        .isEqualTo(
            new LargePayloads(
                "my.bucket-1",
                "cdc/",
                1000,
                true,
                "eu-west-1",
                "http://localhost:9000",
                true,
                "aws:kms",
                "alias/runnel"));
  }

  @Test
  void bucketIsRequired() {
    assertThat(Configs.rendered(with("always: true")))
        .containsExactly("sinks[0].destination.large_payloads.s3_bucket: required [line 13]");
  }

  @Test
  void bucketMustBeAnS3BucketName() {
    for (String bad : new String[] {"My_Bucket", "ab", "-bucket", "a..b"}) {
      assertThat(Configs.rendered(with("s3_bucket: " + bad)))
          .as(bad)
          .containsExactly(
              "sinks[0].destination.large_payloads.s3_bucket: must be an S3 bucket name: 3 to 63"
                  + " lower-case letters, digits, dots and hyphens, starting and ending with a"
                  + " letter or digit (was: "
                  + bad
                  + ") [line 14]");
    }
  }

  @Test
  void prefixMustNotStartWithASlashOrBeTooLong() {
    assertThat(Configs.rendered(with("s3_bucket: b-1\ns3_key_prefix: /cdc/")))
        .containsExactly(
            "sinks[0].destination.large_payloads.s3_key_prefix: must not start with / (S3 keys"
                + " have no leading slash) (was: /cdc/) [line 15]");
    String longPrefix = "p".repeat(901);
    assertThat(Configs.rendered(with("s3_bucket: b-1\ns3_key_prefix: " + longPrefix)))
        .singleElement()
        .asString()
        .startsWith("sinks[0].destination.large_payloads.s3_key_prefix: must be at most 900 bytes");
  }

  @Test
  void thresholdMustBePositiveAndAtMostOneMebibyte() {
    for (String bad : new String[] {"0", "-5", "1048577"}) {
      assertThat(Configs.rendered(with("s3_bucket: b-1\nthreshold_bytes: " + bad)))
          .as(bad)
          .containsExactly(
              "sinks[0].destination.large_payloads.threshold_bytes: must be between 1 and 1048576"
                  + " (was: "
                  + bad
                  + ") [line 15]");
    }
    assertThat(Configs.rendered(with("s3_bucket: b-1\nthreshold_bytes: big")))
        .containsExactly(
            "sinks[0].destination.large_payloads.threshold_bytes: must be an integer (was: big)"
                + " [line 15]");
  }

  @Test
  void alwaysMustBeABoolean() {
    assertThat(Configs.rendered(with("s3_bucket: b-1\nalways: yes")))
        .containsExactly(
            "sinks[0].destination.large_payloads.always: must be true or false (was: yes)"
                + " [line 15]");
  }

  @Test
  void regionMustBeAnAwsRegion() {
    assertThat(Configs.rendered(with("s3_bucket: b-1\nregion: europe")))
        .containsExactly(
            "sinks[0].destination.large_payloads.region: must be an AWS region like us-east-1"
                + " (was: europe) [line 15]");
  }

  @Test
  void endpointMustBeAnHttpUrl() {
    assertThat(Configs.rendered(with("s3_bucket: b-1\nendpoint: localhost:9000")))
        .containsExactly(
            "sinks[0].destination.large_payloads.endpoint: must start with http:// or https://"
                + " (was: localhost:9000) [line 15]");
  }

  @Test
  void emulatorNeedsAnEndpoint() {
    assertThat(Configs.rendered(with("s3_bucket: b-1\nuse_emulator: true")))
        .containsExactly(
            "sinks[0].destination.large_payloads.endpoint: required with use_emulator: true"
                + " [line 13]");
  }

  @Test
  void encryptionIsAes256OrKms() {
    assertThat(Configs.rendered(with("s3_bucket: b-1\nserver_side_encryption: aes256")))
        .containsExactly(
            "sinks[0].destination.large_payloads.server_side_encryption: must be AES256 or aws:kms"
                + " (was: aes256) [line 15]");
    assertThat(parsed("s3_bucket: b-1\nserver_side_encryption: AES256").serverSideEncryption())
        .isEqualTo("AES256");
  }

  @Test
  void kmsKeyIdOnlyWithKms() {
    assertThat(
            Configs.rendered(
                with("s3_bucket: b-1\nserver_side_encryption: AES256\nkms_key_id: alias/k")))
        .containsExactly(
            "sinks[0].destination.large_payloads.kms_key_id: only used with"
                + " server_side_encryption: aws:kms (was: alias/k) [line 16]");
    assertThat(Configs.rendered(with("s3_bucket: b-1\nkms_key_id: alias/k")))
        .containsExactly(
            "sinks[0].destination.large_payloads.kms_key_id: only used with"
                + " server_side_encryption: aws:kms (was: alias/k) [line 15]");
  }

  @Test
  void unknownKeysAreRejected() {
    assertThat(Configs.rendered(with("s3_bucket: b-1\ns3_buckt: x")))
        .containsExactly(
            "sinks[0].destination.large_payloads.s3_buckt: unknown field (did you mean"
                + " s3_bucket?) [line 15]");
  }

  @Test
  void mustBeAMapping() {
    assertThat(
            Configs.rendered(
                Configs.destination(
                    "queue_url: " + QUEUE + "\nuse_task_role: true\nlarge_payloads: my-bucket")))
        .containsExactly(
            "sinks[0].destination.large_payloads: must be a mapping (was: my-bucket) [line 13]");
  }
}

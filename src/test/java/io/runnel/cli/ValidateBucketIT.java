package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.it.RealServers;
import io.runnel.it.Servers;
import io.runnel.testing.LocalS3Extension;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code runnel validate --connect [--write-test]} checks each large_payloads bucket. */
@RealServers
class ValidateBucketIT {
  private static final String BUCKET = "validate-bucket";
  private static Servers servers;

  @RegisterExtension static final LocalS3Extension S3 = new LocalS3Extension(BUCKET);

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    servers.sql("CREATE TABLE public.docs (id int PRIMARY KEY, payload text)");
    servers.sql("ALTER TABLE public.docs REPLICA IDENTITY FULL");
    servers.createQueue("docs.fifo");
  }

  @Test
  void anExistingBucketPassesAndTheWriteTestLeavesNothingBehind() throws IOException {
    ValidateRun run = ValidateRun.of(dir, config(BUCKET, ""), "--connect", "--write-test");

    assertThat(run.errors()).as(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(S3.get().keys(BUCKET)).isEmpty();
  }

  @Test
  void aMissingBucketFailsWithHowToFixIt() throws IOException {
    ValidateRun run = ValidateRun.of(dir, config("no-such-bucket", ""), "--connect");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .containsExactly(
            "sinks[0].destination.large_payloads.s3_bucket: HeadBucket: the bucket no-such-bucket"
                + " does not exist (NoSuchBucket, HTTP 404): create it, or fix s3_bucket (and region)");
  }

  @Test
  void rejectedCredentialsFailTheCheck() throws IOException {
    ValidateRun run =
        ValidateRun.of(
            dir,
            config(BUCKET, "access_key_id: wrong\n      secret_access_key: wrong\n"),
            "--connect");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .singleElement()
        .asString()
        .startsWith("sinks[0].destination.large_payloads.s3_bucket: HeadBucket: access denied")
        .contains("s3:ListBucket");
  }

  @Test
  void writeTestNeedsConnect() throws IOException {
    ValidateRun run = ValidateRun.of(dir, config(BUCKET, ""), "--write-test");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--write-test: only with --connect");
  }

  /** One database and one sink with large_payloads in {@code bucket}, plus destination lines. */
  private static String config(String bucket, String destinationLines) {
    return """
        databases:
          - name: "e2e-database"
            hostname: "localhost"
            port: %d
            database: "%s"
            username: "postgres"
            password: "postgres"
            slot: { name: "bucket_slot", create_if_not_exists: true }
            publication: { name: "bucket_pub", create_if_not_exists: true }
        sinks:
          - name: "sqs-sink"
            table: "public.docs"
            destination:
              type: "sqs"
              queue_url: "%s"
              use_emulator: true
              emulator_base_url: "%s"
              %s
              large_payloads:
                s3_bucket: "%s"
                endpoint: "%s"
                use_emulator: true
        """
        .formatted(
            servers.postgres.port(),
            servers.postgres.name(),
            servers.sqs.queueUrl("docs.fifo"),
            servers.sqs.baseUrl(),
            destinationLines,
            bucket,
            S3.get().endpoint());
  }
}

package io.runnel.sink.sqs;

import io.runnel.aws.SdkHttp;
import io.runnel.config.CheckResult;
import io.runnel.config.LargePayloads;
import io.runnel.config.RunnelConfig;
import io.runnel.config.SinkConfig;
import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.config.SqsDestination;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * {@code runnel validate --connect} for each enabled sink's {@code large_payloads} bucket:
 * HeadBucket with the sink's credentials and, with {@code --write-test}, a PutObject (with the
 * configured encryption) and DeleteObject of a small test object under the key prefix. Blocks up to
 * 20 s per call; thread-safe.
 */
public final class BucketChecks {
  private BucketChecks() {}

  /** Every failed check, in config order; empty when all pass. */
  public static List<CheckResult> check(RunnelConfig config, boolean writeTest) {
    SdkHttp http;
    try {
      http = SdkHttp.system();
    } catch (IllegalArgumentException e) {
      return List.of(CheckResult.error("environment", e.getMessage()));
    }
    List<CheckResult> results = new ArrayList<>();
    for (int i = 0; i < config.sinks().size(); i++) {
      SinkConfig sink = config.sinks().get(i);
      if (sink.status() != SinkStatus.DISABLED && sink.destination().largePayloads() != null) {
        String path = "sinks[" + i + "].destination.large_payloads.s3_bucket";
        check(sink.destination(), sink.name(), path, writeTest, http).ifPresent(results::add);
      }
    }
    return List.copyOf(results);
  }

  static Optional<CheckResult> check(
      SqsDestination destination, String sinkName, String path, boolean writeTest, SdkHttp http) {
    LargePayloads payloads = destination.largePayloads();
    var credentials = SqsClients.credentials(destination, SqsClients.region(destination), http);
    try (S3Payloads s3 =
        new S3Payloads(S3Payloads.client(destination, credentials, http), payloads, sinkName)) {
      String step = "HeadBucket";
      try {
        QueueChecks.await(s3.headBucket());
        if (writeTest) {
          String key = payloads.keyPrefix() + "runnel-validate-" + UUID.randomUUID();
          step = "PutObject " + key;
          QueueChecks.await(
              s3.put(
                  key, "{\"runnel\":\"validate --write-test\"}".getBytes(StandardCharsets.UTF_8)));
          step = "DeleteObject " + key;
          QueueChecks.await(s3.delete(key));
        }
        return Optional.empty();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return Optional.of(CheckResult.error(path, failure(payloads, step, cause)));
      } catch (TimeoutException e) {
        return Optional.of(
            CheckResult.error(
                path,
                step
                    + ": no answer from S3 within "
                    + QueueChecks.TIMEOUT_SECONDS
                    + " s: check region, endpoint and the network path to S3"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of(CheckResult.error(path, "interrupted while checking"));
      }
    }
  }

  /** What went wrong in {@code step} and how to fix it. */
  static String failure(LargePayloads payloads, String step, Throwable cause) {
    String bucket = payloads.bucket();
    if (!(cause instanceof AwsServiceException aws)) {
      return step
          + " of bucket "
          + bucket
          + " failed: "
          + cause.getMessage()
          + " — check region, endpoint, the network and the credentials";
    }
    String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
    String reason = (code != null ? code + ", " : "") + "HTTP " + aws.statusCode();
    if (aws.statusCode() == 404 || "NoSuchBucket".equals(code)) {
      return step
          + ": the bucket "
          + bucket
          + " does not exist ("
          + reason
          + "): create it, or fix s3_bucket (and region)";
    }
    if (aws.statusCode() == 301 || "PermanentRedirect".equals(code)) {
      return step
          + ": the bucket "
          + bucket
          + " is in another region ("
          + reason
          + "): set large_payloads.region to the bucket's region";
    }
    if (aws.statusCode() == 403) {
      return step
          + ": access denied to bucket "
          + bucket
          + " ("
          + reason
          + "): allow s3:ListBucket (HeadBucket) and s3:PutObject on arn:aws:s3:::"
          + bucket
          + "/"
          + payloads.keyPrefix()
          + "*"
          + (payloads.serverSideEncryption() != null
                  && payloads.serverSideEncryption().equals("aws:kms")
              ? ", and kms:GenerateDataKey on the KMS key,"
              : "")
          + " for these credentials (the write test also needs s3:DeleteObject)";
    }
    return step + " of bucket " + bucket + " failed (" + reason + "): " + cause.getMessage();
  }
}

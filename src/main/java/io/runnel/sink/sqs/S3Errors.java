package io.runnel.sink.sqs;

import io.runnel.pipeline.Outcome;
import java.util.Set;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The one place that turns a failed PutObject into an {@link Outcome} (DESIGN.md §5). Every S3
 * failure is a retry of that message, so its group waits and nothing behind it is acknowledged: the
 * object must exist before its pointer is sent. A permanent error (a wrong bucket, missing
 * permissions, a refused KMS key) is retried too, with {@code permanent} in its error, so the
 * delivery engine parks the group durably after {@code park_after} with the error shown in the API
 * and console, and the operator's fix (a bucket policy, a restart with a corrected config) lets it
 * through without losing the row; throttling also shrinks the requests in flight.
 */
final class S3Errors {
  /** Codes no retry fixes; the operator has to change the bucket, a policy or the config. */
  static final Set<String> PERMANENT =
      Set.of(
          "AccessDenied",
          "AllAccessDisabled",
          "AccountProblem",
          "InvalidAccessKeyId",
          "InvalidBucketName",
          "NoSuchBucket",
          "SignatureDoesNotMatch",
          "InvalidArgument",
          "InvalidRequest",
          "PermanentRedirect",
          "AuthorizationHeaderMalformed",
          "KMS.DisabledException",
          "KMS.NotFoundException",
          "KMS.KMSInvalidStateException",
          "KMS.InvalidKeyUsageException",
          "KMS.AccessDeniedException");

  private static final Set<String> THROTTLING = Set.of("SlowDown", "ServiceUnavailable");

  /** In the error of a permanent failure, for operators and for the log level. */
  static final String PERMANENT_MARK = "permanent S3 error";

  private S3Errors() {}

  /** The outcome of a PutObject of {@code key} that failed with {@code error}. */
  static Outcome outcome(String bucket, String key, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String where = "PutObject s3://" + bucket + "/" + key + " failed: ";
    if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      String text =
          code + ": " + aws.awsErrorDetails().errorMessage() + " (HTTP " + aws.statusCode() + ")";
      if (isPermanent(code)) {
        return Outcome.retry(where + PERMANENT_MARK + ", fix the bucket or its policy: " + text);
      }
      return THROTTLING.contains(code) || aws.statusCode() == 503
          ? Outcome.throttled(where + text)
          : Outcome.retry(where + text);
    }
    return Outcome.retry(where + cause);
  }

  static boolean isPermanent(String code) {
    return code != null && (PERMANENT.contains(code) || code.startsWith("KMS."));
  }
}

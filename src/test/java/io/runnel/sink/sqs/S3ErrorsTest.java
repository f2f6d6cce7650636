package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.pipeline.Outcome;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Every PutObject failure is a retry of that message; the error says which kind it is. */
class S3ErrorsTest {

  private static Throwable s3(String code, int status) {
    return new CompletionException(
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage("the message").build())
            .build());
  }

  @Test
  void aPermanentErrorIsRetriedAndSaysSo() {
    for (String code : new String[] {"NoSuchBucket", "AccessDenied", "KMS.DisabledException"}) {
      Outcome outcome = S3Errors.outcome("b", "k", s3(code, 403));

      assertThat(outcome.kind()).isEqualTo(Outcome.Kind.RETRY);
      assertThat(outcome.throttled()).isFalse();
      assertThat(outcome.error())
          .isEqualTo(
              "PutObject s3://b/k failed: permanent S3 error, fix the bucket or its policy: "
                  + code
                  + ": the message (HTTP 403)");
    }
  }

  @Test
  void slowDownIsThrottling() {
    Outcome outcome = S3Errors.outcome("b", "k", s3("SlowDown", 503));

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.RETRY);
    assertThat(outcome.throttled()).isTrue();
  }

  @Test
  void aServerFaultIsAPlainRetry() {
    Outcome outcome = S3Errors.outcome("b", "k", s3("InternalError", 500));

    assertThat(outcome)
        .isEqualTo(
            Outcome.retry("PutObject s3://b/k failed: InternalError: the message (HTTP 500)"));
  }

  @Test
  void noAnswerIsAPlainRetry() {
    Throwable error =
        new CompletionException(
            SdkClientException.create("Unable to execute HTTP request", new ConnectException()));

    Outcome outcome = S3Errors.outcome("b", "k", error);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.RETRY);
    assertThat(outcome.error()).startsWith("PutObject s3://b/k failed: ");
  }
}

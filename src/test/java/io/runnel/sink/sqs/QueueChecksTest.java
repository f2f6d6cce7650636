package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.SqsDestination;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The fixes {@code validate --connect} names for the SQS failures an emulator cannot produce. */
class QueueChecksTest {
  private static final SqsDestination QUEUE =
      new SqsDestination(
          "https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo",
          "eu-west-1",
          "AKIAEXAMPLE",
          "secret",
          false,
          null,
          null,
          false,
          null,
          null);

  @Test
  void accessDeniedNamesTheIamActionAndQueueArn() {
    assertThat(QueueChecks.failure(QUEUE, serviceError("AccessDenied", 403)))
        .isEqualTo(
            "access denied (AccessDenied: not authorized): allow IAM action"
                + " sqs:GetQueueAttributes on arn:aws:sqs:eu-west-1:123456789012:orders.fifo for"
                + " these credentials (Runnel also needs sqs:SendMessage and sqs:GetQueueUrl)");
  }

  @Test
  void theQueueArnNamesThePartitionAndTheDestinationsRegion() {
    assertThat(
            QueueChecks.arn(
                destination(
                    "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q", "cn-north-1")))
        .isEqualTo("arn:aws-cn:sqs:cn-north-1:123456789012:q");
    assertThat(
            QueueChecks.arn(
                destination(
                    "https://sqs-fips.us-gov-west-1.amazonaws.com/123456789012/q",
                    "us-gov-west-1")))
        .isEqualTo("arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q");
    assertThat(
            QueueChecks.arn(destination("https://queue.amazonaws.com/123456789012/q", "us-east-1")))
        .isEqualTo("arn:aws:sqs:us-east-1:123456789012:q");
  }

  @Test
  void rejectedCredentialsSayWhichKeysToFix() {
    assertThat(QueueChecks.failure(QUEUE, serviceError("InvalidClientTokenId", 403)))
        .startsWith("SQS rejected the credentials (InvalidClientTokenId: not authorized)")
        .contains("access_key_id/secret_access_key");
  }

  @Test
  void missingFifoQueueNamesTheCreateCommand() {
    assertThat(QueueChecks.failure(QUEUE, serviceError("QueueDoesNotExist", 400)))
        .contains("aws sqs create-queue --queue-name orders.fifo --attributes FifoQueue=true");
  }

  @Test
  void networkFailureSaysWhatToCheck() {
    var cause =
        SdkClientException.builder()
            .message("Unable to execute HTTP request")
            .cause(new ConnectException("refused"))
            .build();
    assertThat(QueueChecks.failure(QUEUE, cause))
        .isEqualTo(
            "cannot reach SQS: Unable to execute HTTP request — check region,"
                + " emulator_base_url, the network, and the credentials");
  }

  private static SqsDestination destination(String queueUrl, String region) {
    return new SqsDestination(
        queueUrl, region, "AKIAEXAMPLE", "secret", false, null, null, false, null, null);
  }

  private static SqsException serviceError(String code, int status) {
    return (SqsException)
        SqsException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage("not authorized").build())
            .statusCode(status)
            .build();
  }
}

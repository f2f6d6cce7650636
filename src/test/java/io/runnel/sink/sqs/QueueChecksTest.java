package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.aws.AwsProxy;
import io.runnel.aws.ProxyEndpoint;
import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.config.SqsDestination;
import java.net.ConnectException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
                + " these credentials (Runnel also needs sqs:SendMessage)");
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

  @Test
  void proxyDownNamesTheProxyMasked() {
    var proxy = ProxyEndpoint.parse("http://me:hunter2@proxy.corp:3128", "HTTPS_PROXY");
    var cause =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Connection refused: proxy.corp/10.0.0.1:3128")
            .cause(new ConnectException("Connection refused"))
            .build();
    assertThat(QueueChecks.failure(QUEUE, cause, Optional.of(proxy)))
        .isEqualTo(
            "cannot reach SQS through proxy http://me:****@proxy.corp:3128 (from HTTPS_PROXY):"
                + " Unable to execute HTTP request: Connection refused: proxy.corp/10.0.0.1:3128"
                + " — check that the proxy at proxy.corp:3128 is up and lets"
                + " Runnel through (credentials, CONNECT to sqs.eu-west-1.amazonaws.com), or"
                + " exempt the host with NO_PROXY");
  }

  @Test
  void routesSayWhichProxyEachSinkUses() {
    RunnelConfig config =
        ConfigLoader.parse(
            """
            databases:
              - name: db
                url: postgresql://u:p@localhost/db
                slot: { name: s }
                publication: { name: p }
            sinks:
              - name: orders
                destination:
                  type: sqs
                  queue_url: https://sqs.eu-west-1.amazonaws.com/123456789012/orders
                  access_key_id: AKIAEXAMPLE
                  secret_access_key: secret
                  role_arn: arn:aws:iam::123456789012:role/runnel
              - name: local
                destination:
                  type: sqs
                  queue_url: http://localhost:4566/000000000000/local
                  use_emulator: true
                  emulator_base_url: http://localhost:4566
            """,
            Map.of());
    AwsProxy proxy =
        AwsProxy.resolve(
            Map.of("HTTPS_PROXY", "http://me:hunter2@proxy.corp:3128", "NO_PROXY", "localhost"),
            new Properties());
    assertThat(QueueChecks.routes(config, proxy))
        .containsExactly(
            "sinks[0]: SQS at sqs.eu-west-1.amazonaws.com through proxy"
                + " http://me:****@proxy.corp:3128 (HTTPS_PROXY); STS at"
                + " sts.eu-west-1.amazonaws.com through proxy http://me:****@proxy.corp:3128"
                + " (HTTPS_PROXY)",
            "sinks[1]: SQS at localhost directly (no proxy set)");
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

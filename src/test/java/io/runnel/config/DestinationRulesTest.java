package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sinks[].destination: queue URL, region, credentials, emulator, and each rejection. */
class DestinationRulesTest {
  private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/orders";

  private static String withQueue(String lines) {
    return Configs.destination("queue_url: " + QUEUE + "\n" + lines);
  }

  @Test
  void typeMustBeSqs() {
    assertThat(
            Configs.rendered(
                Configs.sink("", "queue_url: " + QUEUE + "\nuse_task_role: true")
                    .replace("type: sqs", "type: kafka")))
        .containsExactly(
            "sinks[0].destination.type: must be sqs (Runnel sends only to SQS) (was: kafka)"
                + " [line 10]");
  }

  @Test
  void destinationIsRequired() {
    assertThat(Configs.rendered(Configs.DATABASE + "sinks:\n  - name: s\n"))
        .containsExactly("sinks[0].destination: required [line 8]");
  }

  @Test
  void queueUrlIsRequiredUnlessRouted() {
    assertThat(Configs.rendered(Configs.destination("use_task_role: true\nregion: us-east-1")))
        .containsExactly(
            "sinks[0].destination.queue_url: required (unless the sink has a routing"
                + " function) [line 9]");
  }

  @Test
  void regionIsRequiredWhenNoQueueUrlCanProvideIt() {
    String yaml =
        "functions:\n  - {name: r, type: routing, expression: '{\"queue_url\": \"x\"}'}\n"
            + Configs.sink("routing: r", "use_task_role: true");

    assertThat(Configs.rendered(yaml))
        .containsExactly(
            "sinks[0].destination.region: required when queue_url is not set [line 12]");
  }

  @Test
  void queueUrlMustBeAnSqsUrl() {
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: https://sqs.us-east-1.amazonaws.com/123/orders
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.queue_url: must be an SQS queue URL like"
                + " https://sqs.us-east-1.amazonaws.com/123456789012/my-queue (or its FIPS,"
                + " dual-stack, VPC endpoint or legacy queue.amazonaws.com form; or set"
                + " use_emulator: true for a local emulator)"
                + " (was: https://sqs.us-east-1.amazonaws.com/123/orders) [line 11]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://sqs.us-east-1.amazonaws.com/123456789012/q, us-east-1",
    "https://sqs.eu-west-2.amazonaws.com:443/123456789012/q.fifo, eu-west-2",
    "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q, cn-north-1",
    "https://vpce-0123abcd-abcdefgh.sqs.us-east-1.vpce.amazonaws.com/123456789012/q, us-east-1",
    "https://vpce-0123abcd-abcdefgh-us-east-1a.sqs.us-east-1.vpce.amazonaws.com/123456789012/q,"
        + " us-east-1",
    "https://sqs-fips.us-east-1.amazonaws.com/123456789012/q, us-east-1",
    "https://sqs-fips.us-gov-west-1.amazonaws.com/123456789012/q.fifo, us-gov-west-1",
    "https://sqs.us-east-1.api.aws/123456789012/q, us-east-1",
    "https://sqs-fips.us-east-1.api.aws/123456789012/q, us-east-1",
    "https://us-east-2.queue.amazonaws.com/123456789012/q, us-east-2",
    "https://queue.amazonaws.com/123456789012/q, us-east-1",
  })
  void everyAwsQueueUrlFormGivesItsRegion(String url, String region) {
    SqsDestination destination =
        Configs.parse(Configs.destination("queue_url: " + url + "\nuse_task_role: true"))
            .sinks()
            .get(0)
            .destination();

    assertThat(destination.queueUrl()).isEqualTo(url);
    assertThat(destination.region()).isEqualTo(region);
    assertThat(
            Configs.parse(
                    Configs.destination(
                        "queue_url: " + url + "\nregion: " + region + "\nuse_task_role: true"))
                .sinks()
                .get(0)
                .destination()
                .region())
        .isEqualTo(region);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://vpce-0123abcd.sqs.us-east-1.vpce.amazonaws.com/123/q",
    "https://vpce-0123abcd.sqs.us-east-1.vpce.example.com/123456789012/q",
    "https://sqs-fips-us-east-1.amazonaws.com/123456789012/q",
    "https://us-east-2.queue.example.com/123456789012/q",
    "https://example.com/123456789012/q",
  })
  void lookalikesOfTheAwsFormsAreRefused(String url) {
    assertThat(Configs.rendered(Configs.destination("queue_url: " + url + "\nuse_task_role: true")))
        .containsExactly(
            "sinks[0].destination.queue_url: must be an SQS queue URL like"
                + " https://sqs.us-east-1.amazonaws.com/123456789012/my-queue (or its FIPS,"
                + " dual-stack, VPC endpoint or legacy queue.amazonaws.com form; or set"
                + " use_emulator: true for a local emulator) (was: "
                + url
                + ") [line 11]");
  }

  @Test
  void theRegionOfEveryFormMustMatchRegion() {
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: https://queue.amazonaws.com/123456789012/q
                    region: eu-west-1
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.region: does not match the queue_url's region"
                + " (us-east-1) (was: eu-west-1) [line 12]");
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: https://vpce-0123abcd-abcdefgh.sqs.us-east-1.vpce.amazonaws.com/123456789012/q
                    region: us-west-2
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.region: does not match the queue_url's region"
                + " (us-east-1) (was: us-west-2) [line 12]");
  }

  @Test
  void theHostOfEveryFormMustNameAnAwsRegion() {
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: https://vpce-0123abcd.sqs.moon.vpce.amazonaws.com/123456789012/q
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.queue_url: the host's region (moon) is not an AWS region"
                + " (was: https://vpce-0123abcd.sqs.moon.vpce.amazonaws.com/123456789012/q)"
                + " [line 11]");
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: https://moon.queue.amazonaws.com/123456789012/q
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.queue_url: the host's region (moon) is not an AWS region"
                + " (was: https://moon.queue.amazonaws.com/123456789012/q) [line 11]");
  }

  @Test
  void fifoQueueNamesEndInDotFifo() {
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders.FIFO
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.queue_url: FIFO queue names end in .fifo (lower case)"
                + " (was: https://sqs.us-east-1.amazonaws.com/123456789012/orders.FIFO) [line 11]");
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo.v2
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.queue_url: queue name may contain only letters, digits, '-' and"
                + " '_', and a FIFO queue's name ends in .fifo"
                + " (was: https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo.v2)"
                + " [line 11]");
  }

  @Test
  void regionIsParsedFromTheUrlAndMustMatchIt() {
    SqsDestination destination =
        Configs.parse(
                Configs.destination(
                    "queue_url: https://sqs.eu-west-2.amazonaws.com/123456789012/q.fifo\n"
                        + "use_task_role: true"))
            .sinks()
            .get(0)
            .destination();
    assertThat(destination.region()).isEqualTo("eu-west-2");
    assertThat(destination.isFifo()).isTrue();

    assertThat(Configs.rendered(withQueue("region: eu-west-1\nuse_task_role: true")))
        .containsExactly(
            "sinks[0].destination.region: does not match the queue_url's region"
                + " (us-east-1) (was: eu-west-1) [line 12]");
    assertThat(Configs.rendered(withQueue("region: Virginia\nuse_task_role: true")))
        .containsExactly(
            "sinks[0].destination.region: must be an AWS region like us-east-1"
                + " (was: Virginia) [line 12]");
  }

  @Test
  void emulatorRegionDefaultsWhenTheUrlNamesNone() {
    SqsDestination destination =
        Configs.parse(
                Configs.destination(
                    """
                    queue_url: http://localhost:9324/000000000000/orders
                    use_emulator: true
                    emulator_base_url: http://localhost:9324
                    """))
            .sinks()
            .get(0)
            .destination();

    assertThat(destination.region()).isEqualTo("us-east-1");
  }

  @Test
  void hostMustNameAnAwsRegion() {
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: https://sqs.example.com/123456789012/orders
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.queue_url: the host's region (example) is not an AWS region"
                + " (was: https://sqs.example.com/123456789012/orders) [line 11]");
  }

  @Test
  void emulatorAcceptsAnyHostAndNeedsABaseUrl() {
    SqsDestination destination =
        Configs.parse(
                Configs.destination(
                    """
                    queue_url: http://elasticmq:9324/queue/orders.fifo
                    region: elasticmq
                    use_emulator: true
                    emulator_base_url: http://elasticmq:9324
                    """))
            .sinks()
            .get(0)
            .destination();
    assertThat(destination.useEmulator()).isTrue();
    assertThat(destination.accessKeyId()).isNull();

    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: http://localhost:4566/000000000000/q
                    region: us-east-1
                    use_emulator: true
                    """)))
        .containsExactly(
            "sinks[0].destination.emulator_base_url: required with use_emulator: true [line 9]");
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: http://localhost:4566/000000000000/q
                    region: us-east-1
                    use_emulator: true
                    emulator_base_url: localhost:4566
                    """)))
        .containsExactly(
            "sinks[0].destination.emulator_base_url: must start with http:// or https://"
                + " (was: localhost:4566) [line 14]");
  }

  @Test
  void emulatorBaseUrlNeedsUseEmulator() {
    assertThat(Configs.rendered(withQueue("use_task_role: true\nemulator_base_url: http://x:1")))
        .containsExactly(
            "sinks[0].destination.emulator_base_url: only used with use_emulator:"
                + " true (was: http://x:1) [line 13]");
  }

  @Test
  void emulatorUrlMustStillBeAQueueUrl() {
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: http://localhost:4566/orders
                    region: us-east-1
                    use_emulator: true
                    emulator_base_url: http://localhost:4566
                    """)))
        .containsExactly(
            "sinks[0].destination.queue_url: must be an emulator queue URL like"
                + " http://localhost:4566/000000000000/my-queue"
                + " (was: http://localhost:4566/orders) [line 11]");
  }

  @Test
  void credentialsAreRequired() {
    assertThat(Configs.rendered(withQueue("")))
        .containsExactly(
            "sinks[0].destination: no credentials: set access_key_id and secret_access_key, or"
                + " use_task_role: true [line 9]");
  }

  @Test
  void staticKeysComeInPairs() {
    assertThat(Configs.rendered(withQueue("access_key_id: AKIA1")))
        .containsExactly(
            "sinks[0].destination.secret_access_key: required with access_key_id [line 9]");
    assertThat(Configs.rendered(withQueue("secret_access_key: s3cret")))
        .containsExactly(
            "sinks[0].destination.access_key_id: required with secret_access_key [line 9]");
  }

  @Test
  void exactlyOneCredentialMode() {
    assertThat(
            Configs.rendered(
                withQueue(
                    """
                    access_key_id: AKIA1
                    secret_access_key: s3cret
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.use_task_role: conflicts with access_key_id/secret_access_key:"
                + " choose one credential mode (static keys or the task role) (was: true)"
                + " [line 14]");
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/q
                    use_emulator: true
                    emulator_base_url: http://localstack:4566
                    use_task_role: true
                    """)))
        .containsExactly(
            "sinks[0].destination.use_task_role: conflicts with use_emulator: true (an emulator"
                + " takes static keys or none) (was: true) [line 14]");
  }

  @Test
  void roleArnCombinesWithKeysOrTaskRole() {
    SqsDestination destination =
        Configs.parse(
                withQueue(
                    """
                    access_key_id: AKIA1
                    secret_access_key: s3cret
                    role_arn: arn:aws:iam::123456789012:role/runnel
                    external_id: ext-1
                    """))
            .sinks()
            .get(0)
            .destination();
    assertThat(destination.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/runnel");
    assertThat(destination.externalId()).isEqualTo("ext-1");

    assertThat(Configs.rendered(withQueue("use_task_role: true\nrole_arn: runnel-role")))
        .containsExactly(
            "sinks[0].destination.role_arn: must be an IAM role ARN like"
                + " arn:aws:iam::123456789012:role/name (was: runnel-role) [line 13]");
    assertThat(Configs.rendered(withQueue("use_task_role: true\nexternal_id: ext-1")))
        .containsExactly(
            "sinks[0].destination.external_id: only used with role_arn (was: ****) [line 13]");
  }

  @Test
  void roleArnNeedsCredentialsToAssumeItWith() {
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/q
                    use_emulator: true
                    emulator_base_url: http://localstack:4566
                    role_arn: arn:aws:iam::000000000000:role/r
                    """)))
        .containsExactly(
            "sinks[0].destination.role_arn: needs access keys or use_task_role: true to assume"
                + " the role with (was: arn:aws:iam::000000000000:role/r) [line 14]");
  }

  @Test
  void maxMessageBytesIsBetweenOneKibAndOneMib() {
    assertThat(Configs.rendered(withQueue("use_task_role: true\nmax_message_bytes: 2097152")))
        .containsExactly(
            "sinks[0].destination.max_message_bytes: must be between 1024 and"
                + " 1048576 (1 KiB to 1 MiB) (was: 2097152) [line 13]");
  }
}

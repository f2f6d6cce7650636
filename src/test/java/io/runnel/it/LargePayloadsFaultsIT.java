package io.runnel.it;

import static io.runnel.it.LargePayloadsIT.records;
import static io.runnel.it.LargePayloadsIT.text;
import static io.runnel.it.LargePayloadsIT.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runnel.config.ConfigLoader;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import io.runnel.testing.LocalS3Extension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * large_payloads when S3 or SQS fail: an S3 outage delays a row's messages without losing or
 * reordering them, a wrong bucket parks the message with the error in the API, and SQS refusing the
 * pointer after the object was written rewrites the same object on retry.
 */
@RealServers
class LargePayloadsFaultsIT {
  private static final String BUCKET = "runnel-faults";
  private static Servers servers;

  @RegisterExtension static final LocalS3Extension S3 = new LocalS3Extension(BUCKET);

  @Test
  void anS3OutageLosesNothingAndKeepsEachRowsOrder() throws Exception {
    servers.sql("CREATE TABLE public.outage (id int PRIMARY KEY, version int, payload text)");
    String queueUrl = servers.createQueue("outage.fifo");
    QueueReader reader = consumer(queueUrl);
    String yaml = yaml("outage", "public.outage", queueUrl, servers.sqs.baseUrl(), BUCKET);
    try (Runnel runnel = Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
      servers.sql("INSERT INTO outage VALUES (1, 0, 'small')");
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 1);

      S3.get().stop();
      for (int version = 1; version <= 3; version++) {
        String payload = version % 2 == 1 ? text(300_000, 'x') : "small";
        servers.sql(
            "UPDATE outage SET version = "
                + version
                + ", payload = '"
                + payload
                + "' WHERE id = 1");
      }
      servers.sql("INSERT INTO outage VALUES (2, 0, 'other row')");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> versions(records(reader.poll()), 2).size() == 1);
      // S3 stays down while the row's head fails four times (about 1 + 2 + 4 s of backoff).
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> runnel.messages("outage", MessageState.BACKING_OFF, 10, null),
              waiting ->
                  waiting.size() == 1
                      && waiting.get(0).deliverCount() >= 4
                      && waiting.get(0).lastError().contains("PutObject"));
      assertThat(versions(records(reader.poll()), 1)).containsExactly(0);

      S3.get().restart();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> versions(records(reader.poll()), 1).size() == 4);
      assertThat(versions(records(reader.received()), 1)).containsExactly(0, 1, 2, 3);
      assertThat(LargePayloadsIT.payload(records(reader.received()), 1).get(3))
          .isEqualTo(text(300_000, 'x'));
    }
  }

  @Test
  void aWrongBucketParksTheMessageWithTheErrorUntilTheConfigIsFixed() throws Exception {
    servers.sql("CREATE TABLE public.nobucket (id int PRIMARY KEY, payload text)");
    String queueUrl = servers.createQueue("nobucket.fifo");
    QueueReader reader = consumer(queueUrl);
    String yaml =
        yaml("nobucket", "public.nobucket", queueUrl, servers.sqs.baseUrl(), "no-such-bucket");
    try (Runnel runnel =
        Runnel.start(
            RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of()))
                .withTuning(settings -> settings.withParkAfter(Duration.ofSeconds(2))))) {
      servers.sql(
          "INSERT INTO nobucket VALUES (1, '" + text(300_000, 'y') + "')",
          "INSERT INTO nobucket VALUES (2, 'small')");

      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 1);
      List<StoredMessage> parked =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> runnel.messages("nobucket", MessageState.PARKED, 10, null),
                  list -> list.size() == 1);
      assertThat(parked.get(0).lastError())
          .contains("PutObject s3://no-such-bucket/")
          .contains("permanent S3 error")
          .contains("NoSuchBucket");
      assertThat(records(reader.received()).get(0).get("id").asInt()).isEqualTo(2);
    }

    // The operator fixes the bucket and restarts: the parked message arrives, nothing lost.
    String fixed = yaml("nobucket", "public.nobucket", queueUrl, servers.sqs.baseUrl(), BUCKET);
    try (Runnel runnel =
        Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(fixed, Map.of())))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> reader.poll().size() == 2);
      assertThat(LargePayloadsIT.payload(records(reader.received()), 1))
          .containsExactly(text(300_000, 'y'));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> runnel.messages("nobucket", MessageState.PARKED, 10, null).isEmpty());
    }
  }

  @Test
  void sqsRefusingThePointerAfterThePutRewritesTheSameObject() throws Exception {
    servers.sql("CREATE TABLE public.crash (id int PRIMARY KEY, payload text)");
    String queueUrl = servers.createQueue("crash.fifo");
    QueueReader reader = consumer(queueUrl);
    try (FaultInjectingSqsProxy proxy = FaultInjectingSqsProxy.start(servers.sqs.baseUrl(), 0)) {
      proxy.throttling = true;
      String yaml = yaml("crash", "public.crash", queueUrl, proxy.baseUrl(), BUCKET);
      try (Runnel runnel =
          Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
        servers.sql("INSERT INTO crash VALUES (1, '" + text(400_000, 'z') + "')");
        // Each refused request came after a PutObject of the message's body.
        await().atMost(Duration.ofSeconds(60)).until(() -> proxy.throttled.get() >= 3);
        assertThat(keys("crash/")).hasSize(1);

        proxy.throttling = false;
        await().atMost(Duration.ofSeconds(60)).until(() -> reader.poll().size() == 1);
        StoredMessage delivered = runnel.messages("crash", MessageState.DELIVERED, 1, null).get(0);
        assertThat(keys("crash/")).containsExactly(delivered.s3Key());
        assertThat(LargePayloadsIT.payload(records(reader.received()), 1))
            .containsExactly(text(400_000, 'z'));
      }
    }
  }

  private static List<String> keys(String prefix) {
    return S3.get().keys(BUCKET).stream().filter(k -> k.startsWith(prefix)).toList();
  }

  /**
   * A sink sending to {@code sqsEndpoint}, offloading bodies over 256 KiB under {@code prefix/}.
   */
  private static String yaml(
      String prefix, String table, String queueUrl, String sqsEndpoint, String bucket) {
    // Each test its own sink name: a message one test leaves parked stays with its sink.
    return servers
            .yamlVia(prefix, table, queueUrl, sqsEndpoint)
            .replace("name: \"sqs-sink\"", "name: \"" + prefix + "\"")
        + """
              large_payloads:
                s3_bucket: "%s"
                s3_key_prefix: "%s/"
                endpoint: "%s"
                use_emulator: true
        """
            .formatted(bucket, prefix, S3.get().endpoint());
  }

  private static QueueReader consumer(String queueUrl) {
    return QueueReader.extended(servers.sqsClient, S3.get().client(), BUCKET, queueUrl);
  }
}

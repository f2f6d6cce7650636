package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.api.HttpApi;
import io.runnel.config.ConfigLoader;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import io.runnel.testing.LocalS3Extension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * large_payloads end to end: PostgreSQL → Runnel → ElasticMQ (256 KiB limit) with bodies in a local
 * S3 (S3Proxy, SigV4 checked), read by AWS's own SQS Extended Client as a consumer would.
 */
@RealServers
class LargePayloadsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "runnel-payloads";
  private static Servers servers;

  @RegisterExtension static final LocalS3Extension S3 = new LocalS3Extension(BUCKET);

  /** A 2 MB, a 300 KB and a small row, and one row that alternates between large and small. */
  @Test
  void largeAndSmallRowsArriveWithTheirBodiesInOrder() throws Exception {
    servers.sql("CREATE TABLE public.docs (id int PRIMARY KEY, version int, payload text)");
    String queueUrl = servers.createQueue("docs.fifo");
    QueueReader reader = consumer(queueUrl);
    try (Runnel runnel = start("docs", "public.docs", queueUrl, BUCKET, s -> s)) {
      String big = text(2_000_000, 'a');
      String medium = text(300_000, 'b');
      servers.sql(
          "INSERT INTO docs VALUES (1, 0, '" + big + "')",
          "INSERT INTO docs VALUES (2, 0, '" + medium + "')",
          "INSERT INTO docs VALUES (3, 0, 'small')",
          "INSERT INTO docs VALUES (4, 0, 'small')");
      for (int version = 1; version <= 4; version++) {
        String payload = version % 2 == 1 ? text(400_000, (char) ('c' + version)) : "tiny";
        servers.sql(
            "UPDATE docs SET version = " + version + ", payload = '" + payload + "' WHERE id = 4");
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> reader.poll().size() == 8);

      List<JsonNode> records = records(reader.received());
      assertThat(payload(records, 1)).containsExactly(big);
      assertThat(payload(records, 2)).containsExactly(medium);
      assertThat(payload(records, 3)).containsExactly("small");
      assertThat(versions(records, 4)).containsExactly(0, 1, 2, 3, 4);
      assertThat(payload(records, 4).get(3)).isEqualTo(text(400_000, 'f'));
      List<StoredMessage> delivered = runnel.messages("sqs-sink", MessageState.DELIVERED, 20, null);
      List<String> keys =
          delivered.stream().map(StoredMessage::s3Key).filter(k -> k != null).toList();
      assertThat(keys).hasSize(4).allMatch(k -> k.startsWith("runnel/sqs-sink/"));
      assertThat(S3.get().keys(BUCKET)).containsAll(keys);
      assertThat(counter(runnel, "runnel_payloads_offloaded_total")).isEqualTo(4);
      assertThat(counter(runnel, "runnel_payload_offload_bytes_total"))
          .isGreaterThan(2_000_000 + 300_000 + 2 * 400_000);
    }
  }

  /** The S3 object is the body Runnel would have sent inline, byte for byte. */
  @Test
  void theObjectIsTheInlineBody() throws Exception {
    servers.sql("CREATE TABLE public.same (id int PRIMARY KEY, payload text)");
    String queueUrl = servers.createQueue("same.fifo");
    QueueReader reader = consumer(queueUrl);
    try (Runnel runnel =
        start("same", "public.same", queueUrl, BUCKET, yaml -> yaml + "        always: true\n")) {
      servers.sql("INSERT INTO same VALUES (1, 'é ☃ \"quoted\" \\ 𝄞')");
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 1);

      StoredMessage delivered = runnel.messages("sqs-sink", MessageState.DELIVERED, 1, null).get(0);
      String object =
          new String(S3.get().object(BUCKET, delivered.s3Key()), StandardCharsets.UTF_8);
      assertThat(reader.received().get(0).body()).isEqualTo(object);
      assertThat(JSON.readTree(object).get("record").get("payload").asText())
          .isEqualTo("é ☃ \"quoted\" \\ 𝄞");
      try (HttpApi api = HttpApi.start(runnel, "127.0.0.1", 0, null);
          HttpClient http = HttpClient.newHttpClient()) {
        String url =
            "http://127.0.0.1:" + api.port() + "/api/sinks/sqs-sink/messages?state=delivered";
        String answer =
            http.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofString())
                .body();
        assertThat(JSON.readTree(answer).get("messages").get(0).get("s3_key").asText())
            .isEqualTo(delivered.s3Key());
      }
    }
  }

  private Runnel start(
      String prefix, String table, String queueUrl, String bucket, UnaryOperator<String> moreYaml) {
    String yaml =
        servers.yaml(prefix, table, queueUrl)
            + """
                  large_payloads:
                    s3_bucket: "%s"
                    endpoint: "%s"
                    use_emulator: true
            """
                .formatted(bucket, S3.get().endpoint());
    return Runnel.start(
        RunnelOptions.defaults(ConfigLoader.parse(moreYaml.apply(yaml), Map.of()))
            .withTuning(settings -> settings.withParkAfter(Duration.ofSeconds(2))));
  }

  private static QueueReader consumer(String queueUrl) {
    return QueueReader.extended(servers.sqsClient, S3.get().client(), BUCKET, queueUrl);
  }

  static String text(int length, char c) {
    return String.valueOf(c).repeat(length);
  }

  static List<JsonNode> records(List<Message> messages) {
    List<JsonNode> records = new ArrayList<>();
    for (Message message : messages) {
      try {
        records.add(JSON.readTree(message.body()).get("record"));
      } catch (IOException e) {
        throw new AssertionError(message.body(), e);
      }
    }
    return records;
  }

  static List<String> payload(List<JsonNode> records, int id) {
    return records.stream()
        .filter(r -> r.get("id").asInt() == id)
        .map(r -> r.get("payload").asText())
        .toList();
  }

  static List<Integer> versions(List<JsonNode> records, int id) {
    return records.stream()
        .filter(r -> r.get("id").asInt() == id)
        .map(r -> r.get("version").asInt())
        .toList();
  }

  static double counter(Runnel runnel, String name) {
    return runnel
        .metrics()
        .scrape()
        .lines()
        .filter(line -> line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}

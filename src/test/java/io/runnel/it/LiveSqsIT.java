package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.config.ConfigLoader;
import io.runnel.config.QueueUrls;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Opt-in smoke test against real Amazon SQS: 100 rows to a standard queue and 100 versions of one
 * row to a FIFO queue, with the default credential chain. Skipped (reported as skipped) unless
 * {@code RUNNEL_LIVE_SQS_QUEUE_URL} (standard) or {@code RUNNEL_LIVE_SQS_FIFO_QUEUE_URL} names a
 * queue. Use queues of their own: the test deletes every message it receives from them. See
 * docs/aws.md, "Trying it against real SQS".
 */
@RealServers
class LiveSqsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 100;
  private static Servers servers;

  @BeforeAll
  static void requireLiveQueues() {
    Assumptions.assumeTrue(
        queue("RUNNEL_LIVE_SQS_QUEUE_URL") != null
            || queue("RUNNEL_LIVE_SQS_FIFO_QUEUE_URL") != null,
        "set RUNNEL_LIVE_SQS_QUEUE_URL and/or RUNNEL_LIVE_SQS_FIFO_QUEUE_URL (and AWS credentials)"
            + " to run the live SQS smoke test");
  }

  private static String queue(String variable) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? null : value;
  }

  @Test
  void aHundredRowsReachAStandardQueue() throws Exception {
    String queueUrl = queue("RUNNEL_LIVE_SQS_QUEUE_URL");
    Assumptions.assumeTrue(queueUrl != null, "RUNNEL_LIVE_SQS_QUEUE_URL is not set");
    String table = "live_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    servers.sql("CREATE TABLE public." + table + " (id int PRIMARY KEY, version int NOT NULL)");
    List<JsonNode> records =
        stream(
            table,
            queueUrl,
            "INSERT INTO " + table + " SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
    assertThat(records.stream().map(r -> r.get("id").asInt()).distinct()).hasSize(ROWS);
  }

  @Test
  void aHundredVersionsOfARowReachAFifoQueueInCommitOrder() throws Exception {
    String queueUrl = queue("RUNNEL_LIVE_SQS_FIFO_QUEUE_URL");
    Assumptions.assumeTrue(queueUrl != null, "RUNNEL_LIVE_SQS_FIFO_QUEUE_URL is not set");
    String table = "live_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    servers.sql(
        "CREATE TABLE public." + table + " (id int PRIMARY KEY, version int NOT NULL)",
        "INSERT INTO " + table + " VALUES (1, 0)");
    StringBuilder updates = new StringBuilder();
    for (int version = 1; version <= ROWS; version++) {
      updates.append("UPDATE ").append(table).append(" SET version = ").append(version).append(";");
    }
    List<JsonNode> records = stream(table, queueUrl, updates.toString());
    assertThat(records.stream().map(r -> r.get("version").asInt()).distinct().toList())
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, ROWS).boxed().toList());
  }

  /** Runs Runnel on {@code table} while {@code sql} commits, and returns the records received. */
  private static List<JsonNode> stream(String table, String queueUrl, String sql) throws Exception {
    String yaml =
        servers.databaseYaml(table)
            + """
            sinks:
              - name: "live-sink"
                table: "public.%s"
                destination:
                  type: "sqs"
                  queue_url: "%s"
                  use_task_role: true
            """
                .formatted(table, queueUrl);
    Region region = Region.of(QueueUrls.region(queueUrl).orElse("us-east-1"));
    List<JsonNode> records = new ArrayList<>();
    try (SqsClient client = SqsClient.builder().region(region).build();
        Runnel runnel = Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
      QueueReader reader = new QueueReader(client, queueUrl);
      servers.sql(sql);
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> ofTable(reader.poll(), table, records) >= ROWS);
    }
    return records;
  }

  private static int ofTable(List<Message> messages, String table, List<JsonNode> records)
      throws IOException {
    records.clear();
    for (Message message : messages) {
      JsonNode body = JSON.readTree(message.body());
      if (table.equals(body.path("metadata").path("table_name").asText())) {
        records.add(body.get("record"));
      }
    }
    return records.size();
  }
}

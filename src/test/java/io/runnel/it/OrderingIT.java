package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.config.ConfigLoader;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Per-row commit order on a FIFO queue while a tenth of all entries fail at random, and across a
 * replication connection the server drops mid-stream.
 */
@RealServers
class OrderingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 100;
  private static final int VERSIONS = 50;
  private static Servers servers;

  @Test
  void everyRowsVersionsArriveInCommitOrderDespiteFailuresAndADroppedConnection() throws Exception {
    servers.sql("CREATE TABLE public.counters (id int PRIMARY KEY, version int NOT NULL)");
    String queueUrl = servers.createQueue("counters.fifo");
    try (FaultInjectingSqsProxy proxy = FaultInjectingSqsProxy.start(servers.sqs.baseUrl(), 0.1)) {
      String yaml = servers.yamlVia("ordering", "public.counters", queueUrl, proxy.baseUrl());
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      try (Runnel runnel =
          Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
        servers.sql("INSERT INTO counters SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
        for (int version = 1; version <= VERSIONS; version++) {
          // Each transaction touches every row, in a different order each time.
          servers.sql(
              "UPDATE counters SET version = "
                  + version
                  + " WHERE id IN (SELECT id FROM"
                  + " counters ORDER BY md5(id::text || '"
                  + version
                  + "'))");
          if (version == VERSIONS / 2) {
            terminateWalsender();
          }
        }
        await()
            .atMost(Duration.ofSeconds(150))
            .until(
                () -> lastVersions(reader.poll()),
                last -> last.size() == ROWS && last.values().stream().allMatch(v -> v == VERSIONS));
        assertThat(proxy.injected.get()).as("faults injected").isGreaterThan(100);
      }
      Map<Integer, List<Integer>> versions = versionsByRow(reader.received());
      assertThat(versions).hasSize(ROWS);
      versions.forEach(
          (id, seen) -> {
            List<Integer> distinct = seen.stream().distinct().toList();
            assertThat(distinct)
                .as("versions of row %d in arrival order", id)
                .isSorted()
                .hasSize(VERSIONS + 1);
          });
    }
  }

  private static void terminateWalsender() throws Exception {
    try (Connection connection = servers.postgres.connect();
        Statement sql = connection.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "SELECT pg_terminate_backend(active_pid)"
                    + " FROM pg_replication_slots WHERE slot_name = 'ordering_slot' AND active")) {
      assertThat(rows.next()).as("the slot had an active walsender").isTrue();
    }
  }

  private static Map<Integer, Integer> lastVersions(List<Message> messages) {
    Map<Integer, Integer> last = new HashMap<>();
    versionsByRow(messages).forEach((id, seen) -> last.put(id, seen.get(seen.size() - 1)));
    return last;
  }

  private static Map<Integer, List<Integer>> versionsByRow(List<Message> messages) {
    Map<Integer, List<Integer>> byRow = new HashMap<>();
    for (Message message : messages) {
      JsonNode record = record(message);
      byRow
          .computeIfAbsent(record.get("id").asInt(), k -> new ArrayList<>())
          .add(record.get("version").asInt());
    }
    return byRow;
  }

  private static JsonNode record(Message message) {
    try {
      return JSON.readTree(message.body()).get("record");
    } catch (IOException e) {
      throw new AssertionError(message.body(), e);
    }
  }
}

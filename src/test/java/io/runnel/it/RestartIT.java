package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.config.RunnelConfig;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Runnel stopped while changes keep being written and started again: every change arrives, and none
 * acknowledged before the stop is sent again (a standard queue, so duplicates would show).
 */
@RealServers
class RestartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 600;
  private static Servers servers;

  @Test
  void everyChangeArrivesOnceAcrossACleanRestart() throws Exception {
    servers.sql("CREATE TABLE public.events (id int PRIMARY KEY, payload text)");
    String queueUrl = servers.createQueue("restart-queue");
    RunnelConfig config = servers.config("restart", "public.events", queueUrl);
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    AtomicInteger written = new AtomicInteger();
    Thread writer = Thread.ofPlatform().name("test-writer").unstarted(() -> write(written));
    try {
      try (Runnel first = Runnel.start(RunnelOptions.defaults(config))) {
        writer.start(); // after the slot exists: changes from before it are not in its stream
        await().atMost(Duration.ofSeconds(60)).until(() -> reader.poll().size() >= ROWS / 4);
      }
      int writtenAtStop = written.get();
      await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= writtenAtStop + 50);
      int writtenAtRestart = written.get();
      try (Runnel second = Runnel.start(RunnelOptions.defaults(config))) {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> {
                  reader.poll();
                  return written.get() == ROWS && ids(reader.received()).size() == ROWS;
                });
      }
      assertThat(writtenAtRestart).as("rows written before the restart").isLessThan(ROWS);
    } finally {
      writer.join();
    }
    Map<String, Long> perKey =
        reader.poll().stream()
            .collect(
                Collectors.groupingBy(
                    m -> metadata(m).get("idempotency_key").asText(), Collectors.counting()));
    assertThat(perKey).hasSize(ROWS);
    assertThat(perKey.values()).as("deliveries per change").containsOnly(1L);
  }

  /** Inserts ROWS rows, two per transaction, steadily, so some land while Runnel is stopped. */
  private static void write(AtomicInteger written) {
    try (Connection connection = servers.postgres.connect();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO events VALUES (?, repeat('x', 100))")) {
      connection.setAutoCommit(false);
      for (int id = 1; id <= ROWS; id += 2) {
        insert.setInt(1, id);
        insert.executeUpdate();
        insert.setInt(1, id + 1);
        insert.executeUpdate();
        connection.commit();
        written.addAndGet(2);
        Thread.sleep(20); // paces the workload; not a synchronisation
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<Integer, Message> ids(List<Message> messages) {
    Map<Integer, Message> byId = new HashMap<>();
    messages.forEach(m -> byId.put(record(m).get("id").asInt(), m));
    return byId;
  }

  private static JsonNode record(Message message) {
    return body(message).get("record");
  }

  private static JsonNode metadata(Message message) {
    return body(message).get("metadata");
  }

  private static JsonNode body(Message message) {
    try {
      return JSON.readTree(message.body());
    } catch (IOException e) {
      throw new AssertionError("message body is not JSON: " + message.body(), e);
    }
  }
}

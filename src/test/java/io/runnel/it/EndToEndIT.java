package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Insert, update and delete reach a FIFO queue as exactly the JSON of DESIGN.md §4. */
@RealServers
class EndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Servers servers;

  @Test
  void insertUpdateDeleteArriveAsGoldenJson() throws Exception {
    servers.sql(
        """
        CREATE TABLE public.orders (id int PRIMARY KEY, customer_id int, price numeric(10,2),
          note text, tags text[], paid boolean, created_at timestamptz)""");
    String queueUrl = servers.createQueue("orders.fifo");
    Instant started = Instant.now();
    try (Runnel runnel =
        Runnel.start(RunnelOptions.defaults(servers.config("e2e", "public.orders", queueUrl)))) {
      servers.sql(
          "BEGIN",
          "SELECT pg_logical_emit_message(true, 'runnel:transaction_annotations', '{\"user\": \"alice\"}')",
          "INSERT INTO orders VALUES (1, 789, 199.99, 'first ✓', '{a,\"b,c\",NULL}', false,"
              + " '2024-10-28 23:37:01.12747+02')",
          "INSERT INTO orders VALUES (2, 790, 5, NULL, '{}', NULL, NULL)",
          "COMMIT",
          "UPDATE orders SET price = 249.50, paid = true WHERE id = 1",
          "DELETE FROM orders WHERE id = 2",
          "ALTER TABLE orders REPLICA IDENTITY FULL",
          "UPDATE orders SET price = 10 WHERE id = 1",
          "DELETE FROM orders WHERE id = 1");

      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() >= 6);
      List<Message> messages =
          reader.received().stream()
              .sorted(
                  Comparator.comparingLong((Message m) -> metadata(m).get("commit_lsn").asLong())
                      .thenComparingInt(m -> metadata(m).get("commit_idx").asInt()))
              .toList();
      assertThat(messages).hasSize(6);

      assertGolden(messages.get(0), "insert.json", started);
      assertThat(metadata(messages.get(1)).get("commit_idx").asInt()).isEqualTo(1);
      assertThat(metadata(messages.get(1)).get("commit_lsn"))
          .isEqualTo(metadata(messages.get(0)).get("commit_lsn"));
      assertGolden(messages.get(2), "update.json", started);
      assertGolden(messages.get(3), "delete_key.json", started);
      assertGolden(messages.get(4), "update_full.json", started);
      assertGolden(messages.get(5), "delete_full.json", started);
      messages.forEach(EndToEndIT::assertFifoIds);
      assertThat(runnel.messages("sqs-sink", MessageState.DELIVERED, 10, null))
          .as("recently delivered, with the ids SQS gave them")
          .extracting(StoredMessage::sqsMessageId)
          .containsExactlyInAnyOrderElementsOf(messages.stream().map(Message::messageId).toList());
    }
  }

  /** Checks volatile fields by rule, then compares the rest with the golden file. */
  private static void assertGolden(Message message, String golden, Instant started)
      throws IOException {
    ObjectNode body = (ObjectNode) JSON.readTree(message.body());
    ObjectNode metadata = (ObjectNode) body.get("metadata");
    long lsn = metadata.get("commit_lsn").asLong();
    int idx = metadata.get("commit_idx").asInt();
    assertThat(metadata.get("commit_lsn").isIntegralNumber()).isTrue();
    assertThat(lsn).isPositive();
    assertThat(metadata.get("idempotency_key").asText())
        .isEqualTo(Base64.getEncoder().encodeToString((lsn + ":" + idx).getBytes()));
    String committed = metadata.get("commit_timestamp").asText();
    assertThat(committed).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    assertThat(Instant.parse(committed)).isBetween(started.minusSeconds(5), Instant.now());
    for (String field : List.of("commit_lsn", "idempotency_key", "commit_timestamp")) {
      metadata.put(field, "<volatile>");
    }
    try (InputStream expected = EndToEndIT.class.getResourceAsStream("/e2e/" + golden)) {
      ObjectNode goldenBody = (ObjectNode) JSON.readTree(expected);
      // The golden's database is "postgres"; this class streams from a database of its own.
      ((ObjectNode) goldenBody.at("/metadata/database")).put("database", servers.postgres.name());
      assertThat(body).as(golden).isEqualTo(goldenBody);
    }
  }

  /** FIFO ids are the MD5s of DESIGN.md §4: dedup of the idempotency key, group of the PK. */
  private static void assertFifoIds(Message message) {
    JsonNode metadata = metadata(message);
    assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
        .isEqualTo(md5(metadata.get("idempotency_key").asText()));
    assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
        .isEqualTo(md5(metadata.get("record_pks").get(0).asText()));
  }

  private static JsonNode metadata(Message message) {
    try {
      return JSON.readTree(message.body()).get("metadata");
    } catch (IOException e) {
      throw new AssertionError("message body is not JSON: " + message.body(), e);
    }
  }

  private static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

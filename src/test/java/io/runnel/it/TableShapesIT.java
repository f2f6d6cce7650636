package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runnel.config.ConfigLoader;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tables of every shape issue 6 names: no primary key, a composite key, quoted mixed-case and
 * Unicode identifiers outside {@code public}, and a partitioned table reported under its root.
 * Compared with {@code src/test/resources/types/shapes.json}.
 */
@RealServers
class TableShapesIT {
  private static Servers servers;

  @Test
  void everyShapeArrivesWithItsNamesAndKeys() throws Exception {
    servers.sql(Goldens.statements("/types/shapes.sql"));
    List<ObjectNode> messages = new ArrayList<>();
    messages.addAll(
        stream("no_pk", "public.no_pk", 2, "INSERT INTO no_pk VALUES (1, 'a'), (1, 'a')"));
    messages.addAll(
        stream(
            "composite",
            "public.composite",
            2,
            "INSERT INTO composite VALUES ('b', 2, 'first'), ('a', 1, 'second')"));
    messages.addAll(
        stream(
            "mixed",
            "\"MixedCase\".\"Weird Table\"",
            2,
            "INSERT INTO \"MixedCase\".\"Weird Table\" VALUES (1, 'x')",
            "UPDATE \"MixedCase\".\"Weird Table\" SET \"Value Col\" = 'y'"));
    messages.addAll(
        stream(
            "unicode",
            "\"Zoë\".\"Ünïcødé 表\"",
            1,
            "INSERT INTO \"Zoë\".\"Ünïcødé 表\" VALUES ('ключ', '日本語 🎉 \u0007')"));
    messages.addAll(
        stream(
            "parted",
            "public.measurements",
            4, // moving a row to another partition is a delete and an insert
            "INSERT INTO measurements VALUES (1, 'eu', 1.5), (2, 'us', 2.5)",
            "UPDATE measurements SET region = 'us' WHERE id = 1"));
    Goldens.assertMatches(messages, "/types/shapes.json");
  }

  /** Starts Runnel on one table, runs the statements and returns {@code expected} messages. */
  private static List<ObjectNode> stream(
      String prefix, String table, int expected, String... statements) throws Exception {
    String queueUrl = servers.createQueue(prefix + ".fifo");
    String yaml = servers.yaml(prefix, table.replace("\"", "\\\""), queueUrl);
    try (Runnel runnel = Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
      servers.sql(statements);
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() >= expected);
      reader.poll();
      List<ObjectNode> bodies = Goldens.inCommitOrder(reader.received());
      assertThat(bodies).hasSize(expected);
      return bodies.stream().map(Goldens::essentials).toList();
    }
  }
}

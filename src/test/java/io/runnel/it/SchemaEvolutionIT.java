package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tables change shape while Runnel streams, and TOASTed values go unchanged through updates: the
 * next message has the new shape, nothing is lost, and no placeholder leaks into {@code changes}.
 */
@RealServers
class SchemaEvolutionIT {
  private static Servers servers;

  @Test
  void eachChangeHasTheShapeOfItsMoment() throws Exception {
    servers.sql("CREATE TABLE public.evolving (id int PRIMARY KEY, a text, b int)");
    List<ObjectNode> messages =
        stream(
            "evolving",
            6,
            "INSERT INTO evolving VALUES (1, 'one', 1)",
            "ALTER TABLE evolving ADD COLUMN c numeric DEFAULT 1.50",
            "INSERT INTO evolving VALUES (2, 'two', 2)",
            "ALTER TABLE evolving DROP COLUMN b",
            "INSERT INTO evolving VALUES (3, 'three', 3.25)",
            "ALTER TABLE evolving ALTER COLUMN c TYPE text USING c::text || '!'",
            "INSERT INTO evolving VALUES (4, 'four', 'x')",
            "ALTER TABLE evolving RENAME COLUMN a TO alpha",
            "INSERT INTO evolving VALUES (5, 'five', 'y')",
            "BEGIN",
            "ALTER TABLE evolving ADD COLUMN d int[] DEFAULT '{1}'",
            "UPDATE evolving SET alpha = 'uno' WHERE id = 1",
            "COMMIT");
    Goldens.assertMatches(messages, "/types/evolution.json");
  }

  @Test
  void unchangedToastComesFromTheOldRowOrIsMarked() throws Exception {
    servers.sql(
        "CREATE TABLE public.toasty (id int PRIMARY KEY, big text, small int)",
        "ALTER TABLE toasty ALTER COLUMN big SET STORAGE EXTERNAL");
    String big = query("SELECT string_agg(md5(i::text), '') FROM generate_series(1, 400) i");
    assertThat(big).hasSizeGreaterThan(8192);
    List<ObjectNode> messages =
        stream(
            "toasty",
            5,
            "INSERT INTO toasty SELECT 1, string_agg(md5(i::text), ''), 1"
                + " FROM generate_series(1, 400) i",
            "UPDATE toasty SET small = 2 WHERE id = 1",
            "ALTER TABLE toasty REPLICA IDENTITY FULL",
            "UPDATE toasty SET small = 3 WHERE id = 1",
            "UPDATE toasty SET big = 'short now' WHERE id = 1",
            "DELETE FROM toasty WHERE id = 1");
    assertThat(messages.get(0).at("/record/big").asText()).isEqualTo(big);
    assertThat(messages.get(1).at("/record/big").asText()).isEqualTo("unchanged_toast");
    assertThat(messages.get(1).get("changes").toString()).isEqualTo("{}");
    assertThat(messages.get(2).at("/record/big").asText()).isEqualTo(big);
    assertThat(messages.get(2).get("changes").toString()).isEqualTo("{\"small\":2}");
    assertThat(messages.get(3).at("/record/big").asText()).isEqualTo("short now");
    assertThat(messages.get(3).at("/changes/big").asText()).isEqualTo(big);
    assertThat(messages.get(4).at("/record/big").asText()).isEqualTo("short now");
    assertThat(messages)
        .extracting(m -> m.get("action").asText())
        .containsExactly("insert", "update", "update", "update", "delete");
  }

  /** Regression: the catalog's key "key" was not among the replayed Relation's columns [id, v]. */
  @Test
  void keyRenamedWhileRunnelWasStoppedDoesNotStopTheStream() throws Exception {
    servers.sql("CREATE TABLE public.renamed_key (id int PRIMARY KEY, v text)");
    String queueUrl = servers.createQueue("renamed_key.fifo");
    Runnel.start(
            RunnelOptions.defaults(servers.config("renamed_key", "public.renamed_key", queueUrl)))
        .close();
    servers.sql(
        "INSERT INTO renamed_key VALUES (1, 'before')",
        "ALTER TABLE renamed_key RENAME COLUMN id TO key",
        "INSERT INTO renamed_key VALUES (2, 'after')");
    try (Runnel runnel =
        Runnel.start(
            RunnelOptions.defaults(
                servers.config("renamed_key", "public.renamed_key", queueUrl)))) {
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() >= 2);
      List<ObjectNode> bodies =
          Goldens.inCommitOrder(reader.received()).stream().map(Goldens::essentials).toList();
      assertThat(bodies.get(0).get("record").toString()).isEqualTo("{\"id\":1,\"v\":\"before\"}");
      assertThat(bodies.get(1).get("record").toString()).isEqualTo("{\"key\":2,\"v\":\"after\"}");
      assertThat(bodies)
          .extracting(b -> b.get("record_pks").toString())
          .containsExactly("[\"1\"]", "[\"2\"]");
    }
  }

  /** Starts Runnel on {@code public.<table>}, runs the statements, returns {@code expected}. */
  private static List<ObjectNode> stream(String table, int expected, String... statements)
      throws Exception {
    String queueUrl = servers.createQueue(table + ".fifo");
    try (Runnel runnel =
        Runnel.start(RunnelOptions.defaults(servers.config(table, "public." + table, queueUrl)))) {
      servers.sql(statements);
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() >= expected);
      reader.poll();
      List<ObjectNode> bodies = Goldens.inCommitOrder(reader.received());
      assertThat(bodies).hasSize(expected);
      return bodies.stream().map(Goldens::essentials).toList();
    }
  }

  private static String query(String sql) throws SQLException {
    try (Connection connection = servers.postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}

package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.config.ConfigLoader;
import io.runnel.decode.Lsn;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.runtime.SinkHealth;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Routing, filter and transform functions (DESIGN.md §6) against real PostgreSQL and SQS. */
@RealServers
class FunctionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Servers servers;

  /** The emulator's URL of a queue named "" (append a name). */
  private static String queuePrefix;

  @BeforeAll
  static void queuePrefix() {
    queuePrefix = servers.sqs.queueUrl("");
  }

  @Test
  void routesTwoTablesToAFifoAndAStandardQueueByTableName() throws Exception {
    sql(
        "CREATE TABLE public.rt_orders (id int PRIMARY KEY, note text)",
        "CREATE TABLE public.rt_events (id int PRIMARY KEY, note text)");
    String fifo = servers.createQueue("rt_orders.fifo");
    String standard = servers.createQueue("rt_events");
    String routing =
        "{\"queue_url\": \"%s\" + metadata.table_name + (metadata.table_name == \"rt_orders\""
                .formatted(queuePrefix)
            + " ? \".fifo\" : \"\")}";
    String yaml =
        yaml("rt", List.of("public.rt_orders", "public.rt_events"), null)
            .functions("route-by-table", "routing", routing)
            .uses("routing", "route-by-table")
            .text();
    try (Runnel runnel = Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
      sql(
          "INSERT INTO rt_orders VALUES (1, 'a')",
          "INSERT INTO rt_events VALUES (1, 'e1'), (2, 'e2')",
          "UPDATE rt_orders SET note = 'b' WHERE id = 1",
          "UPDATE rt_orders SET note = 'c' WHERE id = 1");
      QueueReader orders = new QueueReader(servers.sqsClient, fifo);
      QueueReader events = new QueueReader(servers.sqsClient, standard);
      await().atMost(WAIT).until(() -> orders.poll().size() == 3 && events.poll().size() == 2);

      assertThat(orders.received())
          .extracting(m -> body(m).at("/record/note").asText())
          .containsExactly("a", "b", "c");
      assertThat(orders.received())
          .allSatisfy(
              m ->
                  assertThat(m.attributes())
                      .containsKeys(
                          MessageSystemAttributeName.MESSAGE_GROUP_ID,
                          MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
                          MessageSystemAttributeName.SEQUENCE_NUMBER));
      assertThat(events.received())
          .allSatisfy(
              m -> {
                assertThat(body(m).at("/metadata/table_name").asText()).isEqualTo("rt_events");
                assertThat(m.attributes())
                    .doesNotContainKeys(
                        MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
                        MessageSystemAttributeName.SEQUENCE_NUMBER);
              });
      await()
          .atMost(WAIT)
          .until(() -> runnel.messages("rt-sink", MessageState.DELIVERED, 10, null).size() == 5);
      assertThat(runnel.messages("rt-sink", MessageState.DELIVERED, 10, null))
          .allSatisfy(
              m ->
                  assertThat(m.queueUrl())
                      .isEqualTo(m.table().equals("public.rt_orders") ? fifo : standard));
    }
  }

  @Test
  void routesByRecordValuesAndDiscardsWhatCannotBeRouted() throws Exception {
    sql("CREATE TABLE public.tenants_data (id int PRIMARY KEY, tenant text)");
    String acme = servers.createQueue("tenant-acme");
    String globex = servers.createQueue("tenant-globex");
    String routing = "{\"queue_url\": \"%stenant-\" + record.tenant}".formatted(queuePrefix);
    String yaml =
        yaml("tn", List.of("public.tenants_data"), null)
            .functions("by-tenant", "routing", routing)
            .uses("routing", "by-tenant")
            .text();
    try (Runnel runnel = Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
      sql(
          "INSERT INTO tenants_data VALUES (1, 'acme'), (2, 'globex'), (3, 'no such!'),"
              + " (4, 'ghost'), (5, 'acme')");
      Lsn afterAll = servers.currentLsn();
      QueueReader acmeReader = new QueueReader(servers.sqsClient, acme);
      QueueReader globexReader = new QueueReader(servers.sqsClient, globex);
      await()
          .atMost(WAIT)
          .until(() -> acmeReader.poll().size() == 2 && globexReader.poll().size() == 1);
      assertThat(acmeReader.received())
          .extracting(m -> body(m).at("/record/id").asInt())
          .containsExactlyInAnyOrder(1, 5);
      await().atMost(WAIT).until(() -> health(runnel).discarded() == 2);
      List<StoredMessage> discarded = runnel.messages("tn-sink", MessageState.DISCARDED, 10, null);
      assertThat(discarded)
          .extracting(StoredMessage::lastError)
          .anySatisfy(
              error ->
                  assertThat(error)
                      .startsWith("routing error: routing function by-tenant: queue_url ")
                      .contains("tenant-no such!"))
          .anySatisfy(
              error ->
                  assertThat(error)
                      .startsWith("routing error: queue " + queuePrefix + "tenant-ghost")
                      .contains("cannot be used"));
      assertThat(discarded).allSatisfy(m -> assertThat(m.body()).contains("\"tenant\""));
      await().atMost(WAIT).until(() -> servers.confirmedFlush("tn_slot").isAfter(afterAll));
    }
  }

  @Test
  void filtersOnActionAndRecordValuesAndTransformsTheBody() throws Exception {
    sql("CREATE TABLE public.payments (id int PRIMARY KEY, status text, amount int)");
    String queue = servers.createQueue("payments");
    String yaml =
        yaml("pm", List.of("public.payments"), queue)
            .functions("big-live", "filter", "action != \"delete\" && record.amount >= 100")
            .functions(
                "slim",
                "transform",
                "{\"payment\": record.id, \"status\": record.status.upperAscii(), \"op\": action,"
                    + " \"was\": changes == null ? null : changes.status}")
            .uses("filter", "big-live")
            .uses("transform", "slim")
            .text();
    sql("ALTER TABLE public.payments REPLICA IDENTITY FULL");
    try (Runnel runnel = Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
      sql(
          "INSERT INTO payments VALUES (1, 'new', 50), (2, 'new', 150), (3, 'new', 200)",
          "UPDATE payments SET status = 'paid' WHERE id = 2",
          "DELETE FROM payments WHERE id = 3");
      sql("INSERT INTO payments VALUES (4, 'new', 1)");
      Lsn afterFilteredOnly = servers.currentLsn();
      QueueReader reader = new QueueReader(servers.sqsClient, queue);
      await().atMost(WAIT).until(() -> reader.poll().size() == 3);
      assertThat(reader.received())
          .extracting(m -> body(m).toString())
          .containsExactlyInAnyOrder(
              "{\"payment\":2,\"status\":\"NEW\",\"op\":\"insert\",\"was\":null}",
              "{\"payment\":3,\"status\":\"NEW\",\"op\":\"insert\",\"was\":null}",
              "{\"payment\":2,\"status\":\"PAID\",\"op\":\"update\",\"was\":\"new\"}");
      assertThat(reader.received())
          .allSatisfy(
              m ->
                  assertThat(m.attributes())
                      .containsKey(MessageSystemAttributeName.MESSAGE_GROUP_ID));
      await()
          .atMost(WAIT)
          .until(() -> servers.confirmedFlush("pm_slot").isAfter(afterFilteredOnly));
      assertThat(runnel.metrics().scrape())
          .contains("runnel_messages_filtered_total{sink=\"pm-sink\"} 3.0");
      assertThat(health(runnel).discarded()).isZero();
    }
  }

  @Test
  void aRuntimeErrorDiscardsThatMessageAndOthersArrive() throws Exception {
    sql("CREATE TABLE public.ratios (id int PRIMARY KEY, divisor int)");
    String queue = servers.createQueue("ratios");
    String yaml =
        yaml("ra", List.of("public.ratios"), queue)
            .functions("ratio", "transform", "{\"id\": record.id, \"ratio\": 100 / record.divisor}")
            .uses("transform", "ratio")
            .text();
    try (Runnel runnel = Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
      sql("INSERT INTO ratios VALUES (1, 4), (2, 0), (3, 5)");
      sql("INSERT INTO ratios VALUES (4, 10)");
      QueueReader reader = new QueueReader(servers.sqsClient, queue);
      await().atMost(WAIT).until(() -> reader.poll().size() == 3);
      assertThat(reader.received())
          .extracting(m -> body(m).toString())
          .containsExactlyInAnyOrder(
              "{\"id\":1,\"ratio\":25}", "{\"id\":3,\"ratio\":20}", "{\"id\":4,\"ratio\":10}");
      await().atMost(WAIT).until(() -> health(runnel).discarded() == 1);
      assertThat(runnel.messages("ra-sink", MessageState.DISCARDED, 10, null))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.lastError())
                    .startsWith("function error: transform function ratio: ")
                    .contains("/ by zero");
                assertThat(m.body()).contains("\"divisor\":0");
                assertThat(m.queueUrl()).isEqualTo(queue);
              });
      assertThat(health(runnel).lastError()).contains("/ by zero");
    }
  }

  private static SinkHealth health(Runnel runnel) {
    return runnel.health().get(0);
  }

  private static JsonNode body(Message message) {
    try {
      return JSON.readTree(message.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sql(String... statements) throws SQLException {
    servers.sql(statements);
  }

  private static Yaml yaml(String prefix, List<String> tables, String queueUrl) {
    return new Yaml(prefix, tables, queueUrl, "", "");
  }

  /** A config with one database and one sink "<prefix>-sink" using functions. */
  private record Yaml(
      String prefix, List<String> tables, String queueUrl, String functions, String uses) {
    Yaml functions(String name, String type, String expression) {
      String function =
          "  - name: \"%s\"\n    type: \"%s\"\n    expression: '%s'\n"
              .formatted(name, type, expression.replace("'", "''"));
      return new Yaml(prefix, tables, queueUrl, functions + function, uses);
    }

    Yaml uses(String kind, String name) {
      return new Yaml(
          prefix, tables, queueUrl, functions, uses + "    %s: \"%s\"\n".formatted(kind, name));
    }

    String text() {
      StringBuilder tableList = new StringBuilder();
      tables.forEach(t -> tableList.append("      - name: \"").append(t).append("\"\n"));
      return servers.databaseYaml(prefix)
          + """
          functions:
          %ssinks:
            - name: "%s-sink"
              database: "e2e-database"
              tables:
          %s%s    destination:
                type: "sqs"
          %s      region: "us-east-1"
                use_emulator: true
                emulator_base_url: "%s"
          """
              .formatted(
                  functions,
                  prefix,
                  tableList,
                  uses,
                  queueUrl == null ? "" : "      queue_url: \"" + queueUrl + "\"\n",
                  servers.sqs.baseUrl());
    }
  }
}

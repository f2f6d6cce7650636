package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.config.ConfigLoader;
import io.runnel.message.SqsBodyRule;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 18: a row whose text held U+FFFE or U+FFFF never reached the queue, because ElasticMQ and
 * SQS refuse those characters in a body. Rows with them in text, varchar[], json and jsonb values
 * and in a column name now arrive, with and without a transform, and the consumer's JSON parser
 * returns exactly what PostgreSQL holds.
 */
@RealServers
class EscapedTextIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A column name PostgreSQL accepts quoted; {@code \}{@code ufffe} in the CEL expression. */
  private static final String COLUMN = "t\uFFFEx";

  private static Servers servers;

  @Test
  void rowsWithCharactersSqsRefusesArriveAndParseBackExactly() throws Exception {
    servers.sql(
        "CREATE TABLE public.odd_text (id int PRIMARY KEY, \""
            + COLUMN
            + "\" text, v varchar[], j json, jb jsonb)");
    String plainQueue = servers.createQueue("odd_text.fifo");
    String transformedQueue = servers.createQueue("odd_text_transformed");
    try (Runnel runnel =
        Runnel.start(
            RunnelOptions.defaults(
                ConfigLoader.parse(yaml(plainQueue, transformedQueue), Map.of())))) {
      insert(1, "a\uFFFEb", new String[] {"\uFFFF", "x\uFFFEy"}, "{\"k\uFFFE\": \"v\uFFFF\"}");
      insert(
          2, "\uFFFF", new String[] {"\uD83D\uDE00", "\uDBFF\uDFFF"}, "[\"\\ufffe\", \"\\uffff\"]");
      insert(
          3,
          "\uD83D\uDE00\uFFFE\uDBFF\uDFFF\uFFFF\uFFFD\uE000\uD7FF",
          new String[] {null, "\uFFFE\uD83D\uDE00"},
          "{\"\uDBFF\uDFFF\": [\"\uFFFE\", \"\\ud83d\\ude00\", 1.50]}");
      insert(4, "plain", new String[] {}, "\"\\ud800 a lone surrogate, kept by json\"");
      Map<Integer, Row> rows = stored();

      List<Message> plain = received(plainQueue, 4);
      List<Message> transformed = received(transformedQueue, 4);

      for (Message message : plain) {
        assertThat(SqsBodyRule.firstRefused(message.body())).as(message.body()).isNull();
        JsonNode record = JSON.readTree(message.body()).get("record");
        Row row = rows.get(record.get("id").asInt());
        assertThat(record.get(COLUMN).textValue()).isEqualTo(row.text());
        assertThat(texts(record.get("v"))).isEqualTo(row.array());
        assertThat(record.get("j")).isEqualTo(JSON.readTree(row.json()));
        assertThat(record.get("jb")).isEqualTo(JSON.readTree(row.jsonb()));
      }
      for (Message message : transformed) {
        assertThat(SqsBodyRule.firstRefused(message.body())).as(message.body()).isNull();
        JsonNode body = JSON.readTree(message.body());
        Row row = rows.get(body.get("id").asInt());
        assertThat(body.get("t").textValue()).isEqualTo(row.text());
        assertThat(texts(body.get("v"))).isEqualTo(row.array());
        assertThat(body.get("jb")).isEqualTo(JSON.readTree(row.jsonb()));
      }
      assertThat(plain).anySatisfy(m -> assertThat(m.body()).contains("\\ufffe"));
    }
  }

  /** What PostgreSQL returns for a row: the text, the array and the json/jsonb texts. */
  private record Row(String text, List<String> array, String json, String jsonb) {}

  private static void insert(int id, String text, String[] array, String json) throws SQLException {
    String jsonb = json.contains("\\ud800") ? "null" : json; // jsonb refuses a lone surrogate
    try (Connection connection = servers.postgres.connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO odd_text VALUES (?, ?, ?, ?::json, ?::jsonb)")) {
      insert.setInt(1, id);
      insert.setString(2, text);
      insert.setArray(3, connection.createArrayOf("varchar", array));
      insert.setString(4, json);
      insert.setString(5, jsonb);
      insert.executeUpdate();
    }
  }

  private static Map<Integer, Row> stored() throws SQLException {
    Map<Integer, Row> rows = new HashMap<>();
    try (Connection connection = servers.postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT id, \"" + COLUMN + "\", v, j::text, jb::text FROM odd_text")) {
      while (result.next()) {
        rows.put(
            result.getInt(1),
            new Row(
                result.getString(2),
                Arrays.asList((String[]) result.getArray(3).getArray()),
                result.getString(4),
                result.getString(5)));
      }
    }
    return rows;
  }

  private static List<Message> received(String queueUrl, int expected) {
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    await().atMost(WAIT).until(() -> reader.poll().size() >= expected);
    assertThat(reader.poll()).hasSize(expected);
    return reader.received();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.isNull() ? null : element.textValue()));
    return texts;
  }

  private static String yaml(String plainQueue, String transformedQueue) {
    return servers.databaseYaml("odd")
        + """
        functions:
          - name: "pick"
            type: "transform"
            expression: '{"id": record.id, "t": record["t\\ufffex"], "v": record.v, "jb": record.jb}'
        sinks:
          - name: "plain-sink"
            database: "e2e-database"
            table: "public.odd_text"
            destination:
              type: "sqs"
              queue_url: "%s"
              use_emulator: true
              emulator_base_url: "%s"
          - name: "transformed-sink"
            database: "e2e-database"
            table: "public.odd_text"
            transform: "pick"
            destination:
              type: "sqs"
              queue_url: "%s"
              use_emulator: true
              emulator_base_url: "%s"
        """
            .formatted(plainQueue, servers.sqs.baseUrl(), transformedQueue, servers.sqs.baseUrl());
  }
}

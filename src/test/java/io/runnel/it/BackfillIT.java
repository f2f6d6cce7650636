package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.api.HttpApi;
import io.runnel.cli.Main;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Backfills send every row as a {@code read} message, placed between watermarks so that a row
 * changed during the backfill never ends with a stale read (DESIGN.md §2, §4, §7).
 */
@RealServers
class BackfillIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int DELETED = Integer.MIN_VALUE;
  private static Servers servers;

  @Test
  void everyRowArrivesAndTheLastMessagePerRowIsItsFinalStateDespiteConcurrentWrites()
      throws Exception {
    servers.sql(
        "CREATE TABLE public.stock (id int PRIMARY KEY, qty int NOT NULL)",
        "INSERT INTO stock SELECT i, 0 FROM generate_series(1, 2500) i",
        "ANALYZE stock");
    String queueUrl = servers.createQueue("stock.fifo");
    try (Runnel runnel =
            Runnel.start(
                RunnelOptions.defaults(servers.config("stock", "public.stock", queueUrl)));
        HttpApi api = HttpApi.start(runnel, "127.0.0.1", 0, null)) {
      HttpResponse<String> started =
          post(api, "/api/sinks/sqs-sink/backfills", "{\"table\": \"public.stock\"}");
      Thread writer = Thread.ofPlatform().start(BackfillIT::writeWhileBackfilling);
      assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
      String id = JSON.readTree(started.body()).get("id").asText();

      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> backfill(api, id).get("state").asText().equals("done"));
      writer.join();
      assertThat(backfill(api, id).get("rows_read").asLong()).isGreaterThanOrEqualTo(2500);

      Map<Integer, Integer> expected = finalState();
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofMinutes(2)).until(() -> lastPerRow(reader.poll()).equals(expected));

      Map<Integer, Long> reads = new HashMap<>();
      for (Message message : reader.received()) {
        JsonNode body = JSON.readTree(message.body());
        if (body.get("action").asText().equals("read")) {
          int row = body.get("record").get("id").asInt();
          reads.merge(row, 1L, Long::sum);
          String key = id + ":" + row;
          assertThat(body.get("metadata").get("idempotency_key").asText())
              .isEqualTo(Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
        }
      }
      // Rows 2001..2500 are never written to: each is read exactly once.
      for (int row = 2001; row <= 2500; row++) {
        assertThat(reads.get(row)).as("reads of row %d", row).isEqualTo(1L);
      }
    }
  }

  @Test
  void malformedRequestsAreRefusedNamingTheField() throws Exception {
    servers.sql("CREATE TABLE public.small (id int PRIMARY KEY)");
    String queueUrl = servers.createQueue("small");
    try (Runnel runnel =
            Runnel.start(
                RunnelOptions.defaults(servers.config("small", "public.small", queueUrl)));
        HttpApi api = HttpApi.start(runnel, "127.0.0.1", 0, null)) {
      String path = "/api/sinks/sqs-sink/backfills";
      int before = JSON.readTree(get(api, path).body()).get("backfills").size();
      assertError(post(api, path, "{not json"), 400, "body");
      assertError(post(api, path, "{\"tabel\": \"public.small\"}"), 400, "table");
      assertError(post(api, path, "{\"table\": \"public.other\"}"), 400, "table");
      assertError(post(api, "/api/sinks/nope/backfills", "{\"table\": \"x\"}"), 404, null);
      assertThat(JSON.readTree(get(api, path).body()).get("backfills")).hasSize(before);
    }
  }

  @Test
  void theCommandLineStartsABackfillAndFollowsItToTheEnd(@TempDir Path dir) throws Exception {
    servers.sql(
        "CREATE TABLE public.parts (id int PRIMARY KEY, name text)",
        "INSERT INTO parts SELECT i, 'part ' || i FROM generate_series(1, 1500) i");
    String queueUrl = servers.createQueue("parts");
    Path config = dir.resolve("runnel.yml");
    Files.writeString(config, servers.yaml("parts", "public.parts", queueUrl));
    try (Runnel runnel =
            Runnel.start(
                RunnelOptions.defaults(servers.config("parts", "public.parts", queueUrl)));
        HttpApi api = HttpApi.start(runnel, "127.0.0.1", 0, null)) {
      java.io.StringWriter err = new java.io.StringWriter();
      int exit =
          Main.commandLine()
              .setErr(new java.io.PrintWriter(err))
              .execute(
                  "backfill",
                  "--config",
                  config.toString(),
                  "--sink",
                  "sqs-sink",
                  "--http-port",
                  Integer.toString(api.port()));
      assertThat(exit).as(err.toString()).isZero();
      assertThat(err.toString()).contains("public.parts: done, 1500 rows read");

      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofMinutes(1)).until(() -> reader.poll().size() >= 1500);
      assertThat(reader.received()).hasSize(1500);
    }
  }

  /** Updates, deletes and inserts rows 1..2000 and new ones, on its own connection. */
  private static void writeWhileBackfilling() {
    try (Connection connection = servers.postgres.connect();
        Statement sql = connection.createStatement()) {
      for (int i = 0; i < 400; i++) {
        int row = (i * 797) % 2000 + 1;
        sql.execute("UPDATE stock SET qty = qty + 1 WHERE id = " + row);
        if (i % 40 == 0) {
          sql.execute("DELETE FROM stock WHERE id = " + (row % 2000 + 1));
          sql.execute("INSERT INTO stock VALUES (" + (3000 + i) + ", " + i + ")");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each row's quantity; rows 1..2500 that are gone map to {@link #DELETED}. */
  private static Map<Integer, Integer> finalState() throws SQLException {
    Map<Integer, Integer> state = new HashMap<>();
    for (int row = 1; row <= 2500; row++) {
      state.put(row, DELETED);
    }
    try (Connection connection = servers.postgres.connect();
        Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("SELECT id, qty FROM stock")) {
      while (rows.next()) {
        state.put(rows.getInt(1), rows.getInt(2));
      }
    }
    return state;
  }

  /** Per row, what the last message received says (FIFO keeps each row's order). */
  private static Map<Integer, Integer> lastPerRow(List<Message> messages) throws IOException {
    Map<Integer, Integer> last = new HashMap<>();
    for (Message message : messages) {
      JsonNode body = JSON.readTree(message.body());
      JsonNode record = body.get("record");
      boolean deleted = body.get("action").asText().equals("delete");
      last.put(record.get("id").asInt(), deleted ? DELETED : record.get("qty").asInt());
    }
    return last;
  }

  private static JsonNode backfill(HttpApi api, String id) throws Exception {
    for (JsonNode backfill :
        JSON.readTree(get(api, "/api/sinks/sqs-sink/backfills").body()).get("backfills")) {
      if (backfill.get("id").asText().equals(id)) {
        return backfill;
      }
    }
    throw new AssertionError("backfill " + id + " not listed");
  }

  private static void assertError(HttpResponse<String> response, int status, String field)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asText()).isNotBlank();
    if (field != null) {
      assertThat(body.get("field").asText()).isEqualTo(field);
    }
  }

  private static HttpResponse<String> post(HttpApi api, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(HttpApi api, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

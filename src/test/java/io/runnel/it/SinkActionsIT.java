package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.api.HttpApi;
import io.runnel.config.ConfigLoader;
import io.runnel.decode.Lsn;
import io.runnel.delivery.DeliverySettings;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The operator's write endpoints on a real server with a running pipeline: messages discarded (SQS
 * kept failing them), parked, retried and discarded through the API, and a sink paused and resumed
 * across a restart while another sink on the same slot keeps flowing.
 */
@RealServers
class SinkActionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret";

  private static Servers servers;

  @Test
  void discardedMessagesAreRetriedFromTheApiAndArriveInGroupOrder() throws Exception {
    servers.sql("CREATE TABLE public.orders (id int PRIMARY KEY, version int NOT NULL)");
    String queueUrl = servers.createQueue("orders.fifo");
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    try (FaultInjectingSqsProxy proxy = FaultInjectingSqsProxy.start(servers.sqs.baseUrl(), 0)) {
      proxy.poisonedGroupId = FaultInjectingSqsProxy.groupId("1");
      String yaml =
          givingUpAfterTwoAttempts(
              servers.yamlVia("actions", "public.orders", queueUrl, proxy.baseUrl()),
              "orders-sink");
      try (Runnel runnel =
              Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())));
          HttpApi http = HttpApi.start(runnel, "127.0.0.1", 0, TOKEN);
          ApiClient api = new ApiClient(http.port(), TOKEN, "orders-sink")) {
        servers.sql("INSERT INTO orders SELECT g, 0 FROM generate_series(1, 5) g");
        await().atMost(Duration.ofSeconds(30)).until(() -> versions(reader.poll(), 5).size() == 1);
        JsonNode discarded = awaitMessages(api, "discarded", 1).get(0);
        assertThat(discarded.get("deliver_count").asInt()).isEqualTo(2);
        assertThat(discarded.get("last_error").asText()).contains("gave up after 2 attempts");
        String key = discarded.get("idempotency_key").asText();

        assertRefusals(api, key);

        proxy.poisonedGroupId = null;
        ApiClient.Answer retried = api.post(api.sink + "/messages/" + key + "/retry", null);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("count").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> versions(reader.poll(), 1).size() == 1);
        awaitMessages(api, "discarded", 0);
        assertThat(api.get(api.sink + "/messages?state=delivered&limit=10").body()).contains(key);

        proxy.poisonedGroupId = FaultInjectingSqsProxy.groupId("2");
        servers.sql("UPDATE orders SET version = 1 WHERE id = 2");
        servers.sql("UPDATE orders SET version = 2 WHERE id = 2");
        awaitMessages(api, "discarded", 2);
        assertThat(api.get(api.sink).json().get("discarded_messages").asInt()).isEqualTo(2);
        proxy.poisonedGroupId = null;
        ApiClient.Answer all = api.post(api.sink + "/messages/retry", "{\"state\":\"discarded\"}");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("count").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> versions(reader.poll(), 2).size() == 3);
        assertThat(versions(reader.received(), 2)).containsExactly(0, 1, 2);
        awaitMessages(api, "discarded", 0);
        JsonNode sink = api.get(api.sink).json();
        assertThat(sink.get("delivered").asInt()).isEqualTo(7);
        assertThat(sink.get("discarded_messages").asInt()).isZero();
        assertThat(sink.get("parked_messages").asInt()).isZero();
      }
    }
  }

  /** The one sink of {@code yaml} renamed, discarding a message after its second failed attempt. */
  static String givingUpAfterTwoAttempts(String yaml, String sinkName) {
    return yaml.replace("    batch_size: 10", "    batch_size: 10\n    max_retry_count: 1")
        .replace("\"sqs-sink\"", "\"" + sinkName + "\"");
  }

  /** Without the token 401; bad bodies 400 naming the field; unknown sink or key 404. */
  private static void assertRefusals(ApiClient api, String key) throws Exception {
    String retry = api.sink + "/messages/" + key + "/retry";
    assertThat(api.withToken(null).post(retry, null).status()).isEqualTo(401);
    assertThat(api.withToken("wrong").post(retry, null).status()).isEqualTo(401);
    assertThat(api.post(api.sink + "/messages/no-such-key/retry", null).status()).isEqualTo(404);
    assertThat(api.post("/api/sinks/ghost/messages/" + key + "/retry", null).status())
        .isEqualTo(404);
    assertThat(api.post("/api/sinks/ghost/pause", null).status()).isEqualTo(404);
    assertThat(api.postFrom("http://evil.example", api.sink + "/pause").status()).isEqualTo(403);
    assertThat(api.get(api.sink).json().get("status").asText()).isEqualTo("active");
    ApiClient.Answer badJson = api.post(api.sink + "/messages/retry", "{\"state\": discarded");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.json().get("field").asText()).isEqualTo("body");
    ApiClient.Answer badState = api.post(api.sink + "/messages/retry", "{\"state\":\"lost\"}");
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.json().get("field").asText()).isEqualTo("state");
    assertThat(badState.json().get("error").asText()).contains("lost");
    ApiClient.Answer twice = api.post(api.sink + "/messages/" + key + "/discard", null);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("error").asText()).contains("discarded already");
    String huge = "{\"state\":\"" + "x".repeat(HttpApi.MAX_BODY_BYTES) + "\"}";
    assertThat(api.post(api.sink + "/messages/retry", huge).status()).isEqualTo(413);
  }

  @Test
  void parkedMessageIsDiscardedFromTheApiThenRetriedAndArrives() throws Exception {
    servers.sql("CREATE TABLE public.parcels (id int PRIMARY KEY, version int NOT NULL)");
    String queueUrl = servers.createQueue("parcels.fifo");
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    try (FaultInjectingSqsProxy proxy = FaultInjectingSqsProxy.start(servers.sqs.baseUrl(), 0)) {
      proxy.poisonedGroupId = FaultInjectingSqsProxy.groupId("7");
      String yaml =
          servers
              .yamlVia("parcels", "public.parcels", queueUrl, proxy.baseUrl())
              .replace("\"sqs-sink\"", "\"parcels-sink\"");
      try (Runnel runnel =
              Runnel.start(
                  RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of()))
                      .withTuning(settings -> settings.withParkAfter(Duration.ofSeconds(1))));
          HttpApi http = HttpApi.start(runnel, "127.0.0.1", 0, null);
          ApiClient api = new ApiClient(http.port(), null, "parcels-sink")) {
        servers.sql("INSERT INTO parcels VALUES (7, 0), (8, 0)");
        String key = awaitMessages(api, "parked", 1).get(0).get("idempotency_key").asText();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> api.post(api.sink + "/messages/" + key + "/discard", null).status() == 200);
        assertThat(awaitMessages(api, "discarded", 1).get(0).get("last_error").asText())
            .startsWith("discarded by operator");
        awaitMessages(api, "parked", 0);
        assertThat(versions(reader.poll(), 8)).containsExactly(0);

        proxy.poisonedGroupId = null;
        assertThat(api.post(api.sink + "/messages/" + key + "/retry", null).status())
            .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> versions(reader.poll(), 7).size() == 1);
        awaitMessages(api, "discarded", 0);

        proxy.poisonedGroupId = FaultInjectingSqsProxy.groupId("9");
        servers.sql(
            "INSERT INTO parcels VALUES (9, 0)", "UPDATE parcels SET version = 1 WHERE id = 9");
        awaitMessages(api, "parked", 2);
        assertThat(api.post(api.sink + "/messages/discard", "{\"state\":\"discarded\"}").status())
            .isEqualTo(400);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  api.post(api.sink + "/messages/discard", "{\"state\":\"parked\"}");
                  return api.get(api.sink).json().get("parked_messages").asInt() == 0;
                });
        assertThat(awaitMessages(api, "discarded", 2).findValuesAsText("group_key"))
            .containsOnly("9");
        await().atMost(Duration.ofSeconds(10)).until(() -> runnel.health().get(0).healthy());
      }
    }
  }

  @Test
  void pausedSinkParksInsteadOfHoldingTheSlotStaysPausedAfterRestartAndResumes() throws Exception {
    servers.sql("CREATE TABLE public.events (id int PRIMARY KEY)");
    String pausedQueue = servers.createQueue("paused-events");
    String otherQueue = servers.createQueue("other-events");
    String yaml =
        servers
                .yaml("pausing", "public.events", pausedQueue)
                .replace("\"sqs-sink\"", "\"paused-sink\"")
            + """
              - name: "other-sink"
                database: "e2e-database"
                table: "public.events"
                destination:
                  type: "sqs"
                  queue_url: "%s"
                  use_emulator: true
                  emulator_base_url: "%s"
            """
                .formatted(otherQueue, servers.sqs.baseUrl());
    UnaryOperator<DeliverySettings> smallBuffer =
        s ->
            new DeliverySettings(
                5,
                s.maxBufferedBytes(),
                s.maxInFlightBatches(),
                s.maxRetryCount(),
                s.parkAfter(),
                s.undeliveredAgeLimit());
    QueueReader paused = new QueueReader(servers.sqsClient, pausedQueue);
    QueueReader other = new QueueReader(servers.sqsClient, otherQueue);
    try (Runnel runnel =
            Runnel.start(
                RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of()))
                    .withTuning(smallBuffer));
        HttpApi http = HttpApi.start(runnel, "127.0.0.1", 0, null);
        ApiClient api = new ApiClient(http.port(), null, "paused-sink")) {
      ApiClient.Answer pause = api.post(api.sink + "/pause", null);
      assertThat(pause.status()).as(pause.body()).isEqualTo(200);
      assertThat(pause.json().get("status").asText()).isEqualTo("paused");
      servers.sql("INSERT INTO events SELECT generate_series(1, 30)");
      Lsn written = servers.currentLsn();
      await().atMost(Duration.ofSeconds(60)).until(() -> other.poll().size() == 30);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> servers.confirmedFlush("pausing_slot").isAfter(written));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> runnel.health().get(0).parkedGroups() == 30);
      assertThat(paused.poll()).isEmpty();
      ApiClient.Answer health = api.get("/health");
      assertThat(health.status()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"paused\"");
    }
    try (Runnel runnel =
            Runnel.start(
                RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of()))
                    .withTuning(smallBuffer));
        HttpApi http = HttpApi.start(runnel, "127.0.0.1", 0, null);
        ApiClient api = new ApiClient(http.port(), null, "paused-sink")) {
      assertThat(api.get(api.sink).json().get("status").asText()).isEqualTo("paused");
      servers.sql("INSERT INTO events SELECT generate_series(31, 35)");
      await().atMost(Duration.ofSeconds(30)).until(() -> other.poll().size() == 35);
      assertThat(paused.poll()).isEmpty();

      ApiClient.Answer resume = api.post(api.sink + "/resume", null);
      assertThat(resume.json().get("status").asText()).isEqualTo("active");
      await().atMost(Duration.ofSeconds(60)).until(() -> paused.poll().size() == 35);
      assertThat(ids(paused.received())).hasSize(35).doesNotHaveDuplicates();
      awaitMessages(api, "parked", 0);
    }
  }

  /** Waits until the sink lists {@code count} messages in {@code state}, and returns them. */
  private static JsonNode awaitMessages(ApiClient api, String state, int count) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                api.get(api.sink + "/messages?state=" + state + "&body=true")
                    .json()
                    .get("messages"),
            messages -> messages.size() == count);
  }

  private static List<Integer> versions(List<Message> messages, int id) throws IOException {
    List<Integer> versions = new ArrayList<>();
    for (Message message : messages) {
      JsonNode record = JSON.readTree(message.body()).get("record");
      if (record.get("id").asInt() == id) {
        versions.add(record.get("version").asInt());
      }
    }
    return versions;
  }

  private static List<Integer> ids(List<Message> messages) throws IOException {
    List<Integer> ids = new ArrayList<>();
    for (Message message : messages) {
      ids.add(JSON.readTree(message.body()).get("record").get("id").asInt());
    }
    return ids;
  }
}

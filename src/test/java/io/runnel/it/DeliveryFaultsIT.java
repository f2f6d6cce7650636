package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.api.HttpApi;
import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.decode.Lsn;
import io.runnel.demo.EmbeddedSqs;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.runtime.SinkHealth;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Faults against real servers: SQS going away mid-stream, a row too large for SQS. */
// Its own PostgreSQL: postgresRestartMidStreamResumesWithoutLoss restarts the server.
@RealServers(ownPostgres = true)
class DeliveryFaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Servers servers;

  @Test
  void sqsOutageLosesNothingAndDeliveryResumes() throws Exception {
    sql("CREATE TABLE public.outage (id int PRIMARY KEY)");
    int port = freePort();
    EmbeddedSqs sqs = EmbeddedSqs.start(port);
    SqsClient client = sqs.client();
    client.createQueue(q -> q.queueName("outage"));
    String queueUrl = sqs.queueUrl("outage");
    try (Runnel runnel =
        Runnel.start(RunnelOptions.defaults(config("outage", "public.outage", queueUrl, sqs)))) {
      insertRange("outage", 1, 50);
      QueueReader before = new QueueReader(client, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> ids(before.poll()).size() == 50);

      client.close();
      sqs.close();
      long outageStart = System.nanoTime();
      insertRange("outage", 51, 100);
      // The outage lasts until some message has failed five times: with backoff (1+2+4+8 s,
      // ±15%) that takes at least 12.75 s; without it, a few milliseconds.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> maxDeliverCount(runnel), attempts -> attempts >= 5);
      assertThat(Duration.ofNanos(System.nanoTime() - outageStart))
          .as("five attempts spaced by backoff")
          .isGreaterThan(Duration.ofSeconds(12));
      SinkHealth down = health(runnel);
      assertThat(down.lastError()).isNotBlank();
      assertThat(down.delivered()).isEqualTo(50);
      List<StoredMessage> backingOff =
          runnel.messages("sqs-sink", MessageState.BACKING_OFF, 10, null);
      assertThat(backingOff)
          .isNotEmpty()
          .allSatisfy(
              m -> {
                assertThat(m.deliverCount()).isGreaterThanOrEqualTo(1);
                assertThat(m.lastError()).isNotBlank();
                assertThat(m.nextAttemptAt()).isNotNull();
              });

      sqs = EmbeddedSqs.start(port);
      client = sqs.client();
      client.createQueue(q -> q.queueName("outage"));
      QueueReader after = new QueueReader(client, queueUrl);
      await().atMost(Duration.ofSeconds(60)).until(() -> ids(after.poll()).size() == 50);
      assertThat(ids(after.received())).containsExactlyInAnyOrderElementsOf(range(51, 100));
      assertThat(health(runnel).discarded()).isZero();
    } finally {
      client.close();
      sqs.close();
    }
  }

  @Test
  void rowTooLargeForSqsIsDiscardedOthersArriveAndTheSlotAdvances() throws Exception {
    sql("CREATE TABLE public.big (id int PRIMARY KEY, payload text)");
    try (EmbeddedSqs sqs = EmbeddedSqs.start(0);
        SqsClient client = sqs.client()) {
      client.createQueue(q -> q.queueName("big"));
      String queueUrl = sqs.queueUrl("big");
      try (Runnel runnel =
          Runnel.start(RunnelOptions.defaults(config("big", "public.big", queueUrl, sqs)))) {
        sql(
            "INSERT INTO big VALUES (1, 'small')",
            // 300 KB of incompressible text: over ElasticMQ's 256 KiB limit.
            "INSERT INTO big SELECT 2, string_agg(md5(i::text), '') FROM generate_series(1, 9600) i");
        Lsn afterBigRow = servers.currentLsn();
        sql("INSERT INTO big VALUES (3, 'small')");
        QueueReader reader = new QueueReader(client, queueUrl);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(reader.poll()).size() == 2);
        assertThat(ids(reader.received())).containsExactlyInAnyOrder(1, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> health(runnel).discarded() == 1);
        assertThat(health(runnel).lastError())
            .contains("over the limit of queue " + queueUrl + " (262144 bytes)");
        assertDiscardRecordedAndServed(runnel);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> servers.confirmedFlush("big_slot").isAfter(afterBigRow));
      }
    }
  }

  /** The discarded row is in the state store, and the API serves it (with its token). */
  private static void assertDiscardRecordedAndServed(Runnel runnel) throws Exception {
    List<StoredMessage> discarded = runnel.messages("sqs-sink", MessageState.DISCARDED, 10, null);
    assertThat(discarded)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.table()).isEqualTo("public.big");
              assertThat(m.lastError()).contains("over the limit of queue");
              assertThat(m.body()).contains("\"id\":2");
            });
    try (HttpApi api = HttpApi.start(runnel, "127.0.0.1", 0, "s3cret")) {
      String base = "http://127.0.0.1:" + api.port() + "/api/sinks/";
      HttpResponse<String> ok = get(base + "sqs-sink/messages?state=discarded&body=true", "s3cret");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body())
          .contains("\"idempotency_key\"")
          .contains("over the limit of queue")
          .contains("\\\"id\\\":2");
      assertThat(get(base + "sqs-sink/messages?state=discarded", null).statusCode()).isEqualTo(401);
      assertThat(get(base + "sqs-sink/messages?state=discarded", "wrong").statusCode())
          .isEqualTo(401);
      HttpResponse<String> bad = get(base + "sqs-sink/messages?state=lost", "s3cret");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("\"field\":\"state\"");
      assertThat(get(base + "nope", "s3cret").statusCode()).isEqualTo(404);
      HttpResponse<String> parked = get(base + "sqs-sink/messages?state=parked", "s3cret");
      assertThat(parked.statusCode()).isEqualTo(200);
      assertThat(parked.body()).contains("\"messages\":[]");
      HttpResponse<String> delivered = get(base + "sqs-sink/messages?state=delivered", "s3cret");
      assertThat(delivered.statusCode()).isEqualTo(200);
      assertThat(delivered.body())
          .contains("\"sqs_message_id\":\"")
          .contains("\"deliver_count\":1");
      assertThat(get(base + "sqs-sink", "s3cret").body()).contains("\"discarded\":1");
    }
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void postgresRestartMidStreamResumesWithoutLoss() throws Exception {
    sql("CREATE TABLE public.restarted (id int PRIMARY KEY)");
    try (EmbeddedSqs sqs = EmbeddedSqs.start(0);
        SqsClient client = sqs.client()) {
      client.createQueue(q -> q.queueName("restarted"));
      String queueUrl = sqs.queueUrl("restarted");
      QueueReader reader = new QueueReader(client, queueUrl);
      try (Runnel runnel =
          Runnel.start(
              RunnelOptions.defaults(config("restarted", "public.restarted", queueUrl, sqs)))) {
        insertRange("restarted", 1, 50);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(reader.poll()).size() == 50);

        servers.postgres.restart();
        insertRange("restarted", 51, 100);
        await().atMost(Duration.ofSeconds(90)).until(() -> ids(reader.poll()).size() == 100);
        assertThat(ids(reader.received())).containsExactlyInAnyOrderElementsOf(range(1, 100));
        await().atMost(Duration.ofSeconds(30)).until(() -> health(runnel).healthy());
      }
    }
  }

  private static int maxDeliverCount(Runnel runnel) {
    return runnel.messages("sqs-sink", MessageState.BACKING_OFF, 100, null).stream()
        .mapToInt(StoredMessage::deliverCount)
        .max()
        .orElse(0);
  }

  private static SinkHealth health(Runnel runnel) {
    return runnel.health().get(0);
  }

  private static RunnelConfig config(
      String prefix, String table, String queueUrl, EmbeddedSqs sqs) {
    return ConfigLoader.parse(servers.yamlVia(prefix, table, queueUrl, sqs.baseUrl()), Map.of());
  }

  private static void insertRange(String table, int from, int to) throws SQLException {
    sql("INSERT INTO " + table + " SELECT generate_series(" + from + ", " + to + ")");
  }

  private static List<Integer> range(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
  }

  private static Set<Integer> ids(List<Message> messages) {
    Set<Integer> ids = new HashSet<>();
    for (Message message : messages) {
      try {
        ids.add(JSON.readTree(message.body()).get("record").get("id").asInt());
      } catch (IOException e) {
        throw new AssertionError(message.body(), e);
      }
    }
    return ids;
  }

  private static void sql(String... statements) throws SQLException {
    servers.sql(statements);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

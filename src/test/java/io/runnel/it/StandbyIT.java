package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runnel.api.HttpApi;
import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.runtime.DatabaseStatus;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.runtime.SinkHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Two Runnel instances on one config, in one JVM: the second stands by (healthy, saying who
 * streams), and takes over when the first loses its state-store connection — which makes the first
 * stop streaming at once, so the slot is never streamed by both.
 */
@RealServers
class StandbyIT {
  private static Servers servers;

  static Runnel start(RunnelConfig config, String instanceId) {
    return Runnel.start(RunnelOptions.defaults(config).withInstanceId(instanceId));
  }

  @Test
  void standbyTakesOverWhenTheActiveLosesItsStateStoreConnection() throws Exception {
    VersionedRows rows = new VersionedRows(servers.postgres.dataSource(), "public.cut", 20, 40);
    servers.sql(rows.createTable());
    String queueUrl = servers.createQueue("cut.fifo");
    RunnelConfig config = servers.config("cut", "public.cut", queueUrl);
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    try (Runnel a = start(config, "instance-a");
        Runnel b = start(config, "instance-b");
        HttpApi httpA = HttpApi.start(a, "127.0.0.1", 0, null);
        HttpApi httpB = HttpApi.start(b, "127.0.0.1", 0, null);
        ApiClient apiA = new ApiClient(httpA.port(), null, "sqs-sink");
        ApiClient apiB = new ApiClient(httpB.port(), null, "sqs-sink")) {
      assertRoles(apiA, apiB);
      Thread writer = rows.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> VersionedRows.distinct(reader.poll()) >= rows.total() / 4);

      Sampler sampler = new Sampler(a, b);
      Thread sampling = Thread.ofPlatform().name("test-sampler").start(sampler);
      servers.sql(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = 'runnel:instance-a'");

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !a.databases().get(0).role().equals("active"));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> streaming(b) && b.databases().get(0).role().equals("active"));
      writer.join();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> VersionedRows.distinct(reader.poll()) == rows.total());
      sampler.stop = true;
      sampling.join();

      assertThat(sampler.bothStreaming).as("samples where both instances streamed").isEmpty();
      assertThat(sampler.activePids).as("walsender pids of the slot, in order").hasSize(2);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> a.databases().get(0).holder(), "instance-b"::equals);
      assertThat(apiA.get("/health").status()).isEqualTo(200);
      rows.assertCompleteAndInOrder(reader.poll());
    }
  }

  @Test
  void twoDatabasesSpreadOverTwoInstancesAndTheSurvivorTakesBoth() throws Exception {
    servers.sql(
        "CREATE TABLE public.left_side (id int PRIMARY KEY)",
        "CREATE TABLE public.right_side (id int PRIMARY KEY)");
    String left = servers.createQueue("left.fifo");
    String right = servers.createQueue("right.fifo");
    RunnelConfig config = ConfigLoader.parse(twoDatabases(left, right), Map.of());
    Runnel a = start(config, "spread-a");
    assertThat(active(a)).as("the first instance takes what is free").hasSize(2);
    try (Runnel b = start(config, "spread-b")) {
      try (a) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> active(a).size() == 1 && active(b).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> streaming(a) && streaming(b));
        servers.sql("INSERT INTO left_side VALUES (1)", "INSERT INTO right_side VALUES (1)");
        QueueReader leftReader = new QueueReader(servers.sqsClient, left);
        QueueReader rightReader = new QueueReader(servers.sqsClient, right);
        await().atMost(Duration.ofSeconds(30)).until(() -> leftReader.poll().size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> rightReader.poll().size() == 1);
      }
      await().atMost(Duration.ofSeconds(15)).until(() -> active(b).size() == 2);
      servers.sql("INSERT INTO left_side VALUES (2)", "INSERT INTO right_side VALUES (2)");
      QueueReader leftReader = new QueueReader(servers.sqsClient, left);
      QueueReader rightReader = new QueueReader(servers.sqsClient, right);
      await().atMost(Duration.ofSeconds(30)).until(() -> leftReader.poll().size() == 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> rightReader.poll().size() == 1);
    }
  }

  /** Two databases (slots) on the one server, a sink each. */
  private static String twoDatabases(String leftQueue, String rightQueue) {
    StringBuilder yaml = new StringBuilder("databases:\n");
    for (String side : List.of("left", "right")) {
      yaml.append(servers.databaseItem(side + "-db", side));
    }
    yaml.append("sinks:\n");
    for (String side : List.of("left", "right")) {
      yaml.append(
          """
            - name: "%s-sink"
              database: "%s-db"
              table: "public.%s_side"
              destination:
                type: "sqs"
                queue_url: "%s"
                use_emulator: true
                emulator_base_url: "%s"
          """
              .formatted(
                  side,
                  side,
                  side,
                  side.equals("left") ? leftQueue : rightQueue,
                  servers.sqs.baseUrl()));
    }
    return yaml.toString();
  }

  private static List<String> active(Runnel runnel) {
    return runnel.databases().stream()
        .filter(db -> db.role().equals("active"))
        .map(DatabaseStatus::database)
        .toList();
  }

  /** The first instance is active, the second stands by: /health, /api/instances, /metrics. */
  private static void assertRoles(ApiClient apiA, ApiClient apiB) throws Exception {
    ApiClient.Answer standby = apiB.get("/health");
    assertThat(standby.status()).as(standby.body()).isEqualTo(200);
    JsonNode db = standby.json().get("databases").get(0);
    assertThat(db.get("role").asText()).isEqualTo("standby");
    assertThat(db.get("holder").asText()).isEqualTo("instance-a");
    assertThat(standby.json().get("instance_id").asText()).isEqualTo("instance-b");
    assertThat(standby.json().get("sinks").get(0).get("status").asText()).isEqualTo("standby");

    await().atMost(Duration.ofSeconds(30)).until(() -> apiA.get("/health").status() == 200);
    JsonNode instances = apiA.get("/api/instances").json();
    assertThat(instances.get("instance_id").asText()).isEqualTo("instance-a");
    assertThat(instances.get("databases").get(0).get("role").asText()).isEqualTo("active");
    assertThat(instances.get("databases").get(0).get("database").asText())
        .isEqualTo("e2e-database");
    assertThat(instances.get("databases").get(0).get("slot").asText()).isEqualTo("cut_slot");
    assertThat(apiA.get("/metrics").body())
        .contains("runnel_database_active{database=\"e2e-database\"} 1.0");
    assertThat(apiB.get("/metrics").body())
        .contains("runnel_database_active{database=\"e2e-database\"} 0.0");
    assertThat(apiB.get("/api/sinks").json().get("sinks").get(0).get("status").asText())
        .isEqualTo("standby");
    ApiClient.Answer elsewhere = apiB.get("/api/sinks/sqs-sink/messages?state=parked");
    assertThat(elsewhere.status()).isEqualTo(409);
    assertThat(elsewhere.json().get("error").asText())
        .isEqualTo(
            "sink \"sqs-sink\" is streamed by instance instance-a; this instance (instance-b)"
                + " stands by for database e2e-database: use the API of the instance streaming it");
  }

  static boolean streaming(Runnel runnel) {
    return runnel.health().stream().map(SinkHealth::sourceState).anyMatch("STREAMING"::equals);
  }

  /** Watches both instances' replication and the slot's walsender until stopped. */
  private static final class Sampler implements Runnable {
    final List<String> bothStreaming = new CopyOnWriteArrayList<>();
    final List<String> activePids = new ArrayList<>();
    volatile boolean stop;
    private final Runnel a;
    private final Runnel b;

    Sampler(Runnel a, Runnel b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void run() {
      while (!stop) {
        if (streaming(a) && streaming(b)) {
          bothStreaming.add(a.health() + " / " + b.health());
        }
        try {
          String pid =
              servers.query(
                  "SELECT active_pid::text FROM pg_replication_slots WHERE slot_name = 'cut_slot'");
          if (pid != null && (activePids.isEmpty() || !activePids.getLast().equals(pid))) {
            activePids.add(pid);
          }
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // sampling rate
      }
    }
  }
}

package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The packaged jar as an operator runs it: `runnel run`, /health, SIGTERM → exit 0. */
@RealServers
class CliIT {
  private static final Path JAR = Path.of("target", "runnel.jar");
  private static Servers servers;

  @TempDir Path dir;

  @Test
  void runStreamsServesHealthAndStopsCleanlyOnSigterm() throws Exception {
    servers.sql("CREATE TABLE public.items (id int PRIMARY KEY, name text)");
    String queueUrl = servers.createQueue("cli-queue");
    Path config = dir.resolve("runnel.yml");
    Files.writeString(config, servers.yaml("cli", "public.items", queueUrl));
    int port = freePort();
    Path log = dir.resolve("runnel.log");
    Process runnel =
        runnel(log, "run", "--config", config.toString(), "--http-port", Integer.toString(port));
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
      awaitHealthy(port);
      assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body())
          .contains("\"status\":\"ok\"")
          .contains("sqs-sink");

      servers.sql("INSERT INTO items VALUES (1, 'secret-row-value')");
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 1);
      assertThat(reader.received().get(0).body()).contains("\"name\":\"secret-row-value\"");
    } finally {
      runnel.destroy(); // SIGTERM
    }
    assertThat(runnel.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
    String output = Files.readString(log);
    assertThat(runnel.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("runnel stopped")
        .doesNotContain("secret-row-value")
        .doesNotContain("password: \"postgres\"");
  }

  /**
   * SIGKILL mid-stream: nothing is acknowledged past what SQS accepted, so a restart resends from
   * the slot; the redeliveries carry the same FIFO dedup ids, which hides them from consumers.
   */
  @Test
  void killedMidStreamLosesNothingAndFifoHidesRedeliveries() throws Exception {
    servers.sql("CREATE TABLE public.killed (id int PRIMARY KEY)");
    String queueUrl = servers.createQueue("killed.fifo");
    Path config = dir.resolve("killed.yml");
    Files.writeString(config, servers.yaml("killed", "public.killed", queueUrl));
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    int port = freePort();
    Process first =
        runnel(
            Path.of("target", "killed-first.log"),
            "run",
            "--config",
            config.toString(),
            "--http-port",
            Integer.toString(port));
    awaitHealthy(port); // the slot exists: every row written from now on is in its stream
    Thread writer = Thread.ofPlatform().start(() -> insertPaced("killed", 400));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> reader.poll().size() >= 100);
    } finally {
      first.destroyForcibly(); // SIGKILL
    }
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Process second =
        runnel(
            Path.of("target", "killed-second.log"),
            "run",
            "--config",
            config.toString(),
            "--http-port",
            Integer.toString(freePort()));
    try {
      writer.join();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> dedupIdsByRow(reader.poll()).size(), n -> n == 400);
    } finally {
      second.destroy();
      second.waitFor(60, TimeUnit.SECONDS);
    }
    // Every row arrived; any row sent twice carried the same deduplication id both times, so
    // SQS (which drops a repeated id for 5 minutes, even after the first copy was deleted) never
    // shows it to a consumer. ElasticMQ only deduplicates against messages still in the queue,
    // so the test checks the ids rather than counting deliveries.
    Map<Integer, Set<String>> dedupIds = dedupIdsByRow(reader.poll());
    assertThat(dedupIds).hasSize(400);
    assertThat(dedupIds.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
  }

  private static Map<Integer, Set<String>> dedupIdsByRow(List<Message> messages) {
    Map<Integer, Set<String>> byRow = new TreeMap<>();
    for (Message message : messages) {
      int id = Integer.parseInt(message.body().replaceAll(".*\"record\":\\{\"id\":(\\d+).*", "$1"));
      byRow
          .computeIfAbsent(id, k -> new HashSet<>())
          .add(message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
    }
    return byRow;
  }

  private static void awaitHealthy(int port) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }

  private static void insertPaced(String table, int rows) {
    try (var connection = servers.postgres.connect();
        var insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
      for (int id = 1; id <= rows; id++) {
        insert.setInt(1, id);
        insert.executeUpdate();
        Thread.sleep(5); // paces the workload so the kill lands mid-stream
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void validateExitsTwoAndNamesThePath() throws Exception {
    Path config = dir.resolve("bad.yml");
    Files.writeString(
        config,
        servers
            .yaml("bad", "public.items", "https://example.com/queue")
            .replace("batch_size: 10", "batch_size: 25"));
    Path log = dir.resolve("validate.log");
    Process validate = runnel(log, "validate", "--config", config.toString());
    assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log);
    assertThat(validate.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("sinks[0].batch_size: must be between 1 and 10 for SQS (was: 25)");
  }

  private static Process runnel(Path log, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(new File("."))
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

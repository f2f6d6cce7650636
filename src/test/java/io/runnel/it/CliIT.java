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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: `runnel run`, /health, SIGTERM → exit 0. */
class CliIT {
  private static final Path JAR = Path.of("target", "runnel.jar");
  private static Servers servers;

  @TempDir Path dir;

  @BeforeAll
  static void startServers() throws IOException {
    servers = Servers.start();
  }

  @AfterAll
  static void stopServers() throws IOException {
    servers.close();
  }

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
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
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

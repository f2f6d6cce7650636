package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `runnel run` processes on one config with a background writer; SIGKILL the active one: the
 * standby streams again within seconds and every change arrives, in order per row.
 */
@RealServers
class KillActiveIT {
  private static final Path JAR = Path.of("target", "runnel.jar");

  /** The target is 10 s; the margin absorbs a loaded 2-core build machine. */
  private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(15);

  private static Servers servers;

  @TempDir Path dir;

  @Test
  void sigkillOfTheActiveLetsTheStandbyDeliverEverythingInOrder() throws Exception {
    VersionedRows rows = new VersionedRows(servers.postgres.dataSource(), "public.killme", 20, 40);
    servers.sql(rows.createTable());
    String queueUrl = servers.createQueue("killme.fifo");
    Path config = dir.resolve("runnel.yml");
    Files.writeString(config, servers.yaml("killme", "public.killme", queueUrl));
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    List<Instance> instances = new ArrayList<>();
    try {
      instances.add(Instance.start(config, "first"));
      await().atMost(Duration.ofSeconds(60)).until(() -> instances.get(0).role(), "active"::equals);
      instances.add(Instance.start(config, "second"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> instances.get(1).role(), "standby"::equals);
      Thread writer = rows.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> VersionedRows.distinct(reader.poll()) >= rows.total() / 4);

      instances.get(0).process.destroyForcibly(); // SIGKILL
      long killedAt = System.nanoTime();
      assertThat(instances.get(0).process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Instance survivor = instances.get(1);
      await()
          .atMost(TAKEOVER_LIMIT)
          .ignoreExceptions()
          .until(() -> survivor.role().equals("active") && survivor.healthy());
      Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
      System.out.println(
          "KillActiveIT: streaming again " + takeover.toMillis() + " ms after SIGKILL");

      writer.join();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> VersionedRows.distinct(reader.poll()) == rows.total());
      rows.assertCompleteAndInOrder(reader.poll());
    } finally {
      for (Instance instance : instances) {
        instance.process.destroy();
        instance.process.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  /** A `runnel run` child process and its API. */
  private record Instance(Process process, ApiClient api) {
    static Instance start(Path config, String id) throws IOException {
      int port = freePort();
      String java = ProcessHandle.current().info().command().orElse("java");
      Process process =
          new ProcessBuilder(
                  java,
                  "-jar",
                  JAR.toString(),
                  "run",
                  "--config",
                  config.toString(),
                  "--http-port",
                  Integer.toString(port),
                  "--instance-id",
                  id)
              .redirectErrorStream(true)
              .redirectOutput(Path.of("target", "kill-active-" + id + ".log").toFile())
              .directory(new File("."))
              .start();
      return new Instance(process, new ApiClient(port, null, "sqs-sink"));
    }

    /** The role /health reports for the one database, or "" while it does not answer. */
    String role() {
      try {
        JsonNode databases = api.get("/health").json().get("databases");
        return databases == null || databases.isEmpty()
            ? ""
            : databases.get(0).get("role").asText();
      } catch (IOException | InterruptedException | AssertionError e) {
        return "";
      }
    }

    boolean healthy() throws Exception {
      return api.get("/health").status() == 200;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code bin/runnel demo} as a new user runs it: updates carry {@code changes}, deletes the old
 * row, an oversized row shows up as discarded in the API, the terminal names groups as the console
 * does, no JVM warning is printed, and Ctrl-C (SIGTERM) stops it with exit 0.
 */
class DemoIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void demoShowsChangesOldRowsAndADiscardedMessage() throws Exception {
    int port = freePort();
    Path stdout = dir.resolve("demo.out");
    Path stderr = dir.resolve("demo.err");
    Process demo =
        new ProcessBuilder(
                "bin/runnel", "demo", "--http-port", Integer.toString(port), "--rate", "20")
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    try (ApiClient api = new ApiClient(port, null, "demo-to-sqs")) {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> hasUpdateWithChangesAndDeleteWithOldRow(stdout));
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(
              () -> api.get(api.sink + "/messages?state=discarded").json().path("messages"),
              messages -> messages.size() > 0);
      JsonNode discarded =
          api.get(api.sink + "/messages?state=discarded").json().path("messages").get(0);
      assertThat(discarded.path("action").asText()).isEqualTo("insert");
      assertThat(discarded.path("last_error").asText()).contains("bytes, over the");

      for (Received message : messages(stdout)) {
        List<String> pks = new ArrayList<>();
        message.body.path("metadata").path("record_pks").forEach(pk -> pks.add(pk.asText()));
        assertThat(message.heading)
            .as("the terminal names the group by its key, as the console does")
            .endsWith(" group=" + String.join(":", pks))
            .contains(message.body.path("action").asText() + " public.orders");
      }
    } finally {
      demo.destroy(); // SIGTERM, as Ctrl-C
    }
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
    String errors = Files.readString(stderr);
    assertThat(demo.exitValue()).as(errors).isZero();
    assertThat(errors).doesNotContain("sun.misc.Unsafe").doesNotContain("runnel: building");
  }

  private record Received(String heading, JsonNode body) {}

  private static boolean hasUpdateWithChangesAndDeleteWithOldRow(Path stdout) throws IOException {
    boolean update = false;
    boolean delete = false;
    for (Received message : messages(stdout)) {
      JsonNode body = message.body;
      switch (body.path("action").asText()) {
        case "update" -> update |= body.path("changes").size() > 0;
        case "delete" ->
            delete |=
                body.path("record").path("customer_id").isInt()
                    && body.path("record").path("status").isTextual();
        default -> {}
      }
    }
    return update && delete;
  }

  /** The demo prints {@code #N heading} then the body, indented, on the next line. */
  private static List<Received> messages(Path stdout) throws IOException {
    List<String> lines = Files.readAllLines(stdout);
    List<Received> received = new ArrayList<>();
    for (int i = 0; i + 2 < lines.size(); i++) { // the last line may still be being written
      if (lines.get(i).startsWith("#") && lines.get(i + 1).startsWith("  {")) {
        String heading = lines.get(i).substring(lines.get(i).indexOf(' ') + 1);
        received.add(new Received(heading, JSON.readTree(lines.get(i + 1).strip())));
      }
    }
    return received;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

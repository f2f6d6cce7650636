package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.config.ConfigLoader;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A queue that throttles every request for a while: the sink's requests in flight shrink below the
 * configured 16, grow back once SQS lets requests through, and every version of every row still
 * reaches the FIFO queue in commit order.
 */
@RealServers
class ThrottlingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 200;

  /**
   * One transaction updating every row per this many ms: ~1,000 changes/s, within ElasticMQ FIFO's
   * pace.
   */
  private static final long WRITE_EVERY_MILLIS = 200;

  private static final String LIMIT_GAUGE = "runnel.requests.in.flight.limit";
  private static Servers servers;

  @Test
  void throttlingShrinksRequestsInFlightWhichRecoverAndNothingIsLostOrReordered() throws Exception {
    servers.sql("CREATE TABLE public.counters (id int PRIMARY KEY, version int NOT NULL)");
    servers.sql("INSERT INTO counters SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
    String queueUrl = servers.createQueue("throttled.fifo");
    AtomicInteger version = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    try (FaultInjectingSqsProxy proxy = FaultInjectingSqsProxy.start(servers.sqs.baseUrl(), 0);
        Runnel runnel =
            Runnel.start(
                RunnelOptions.defaults(
                    ConfigLoader.parse(
                        servers.yamlVia("throttling", "public.counters", queueUrl, proxy.baseUrl()),
                        Map.of())))) {
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (writing.get()) {
                      try {
                        int next = version.get() + 1;
                        servers.sql("UPDATE counters SET version = " + next);
                        version.set(next);
                        Thread.sleep(WRITE_EVERY_MILLIS);
                      } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
      await().atMost(Duration.ofSeconds(60)).until(() -> !reader.poll().isEmpty());

      proxy.throttling = true;
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> limit(runnel) < 16 && proxy.throttled.get() >= 20);
      double lowest = limit(runnel);
      proxy.throttling = false;
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> limit(runnel) >= 16);
      writing.set(false);
      writer.join();

      int last = version.get();
      await()
          .atMost(Duration.ofSeconds(180))
          .until(
              () -> lastVersions(reader.poll()),
              seen -> seen.size() == ROWS && seen.values().stream().allMatch(v -> v == last));
      assertThat(lowest).as("lowest limit seen while throttled").isLessThan(16);

      versionsByRow(reader.received())
          .forEach(
              (id, seen) ->
                  assertThat(seen.stream().distinct().toList())
                      .as("versions of row %d in arrival order", id)
                      .isEqualTo(java.util.stream.IntStream.rangeClosed(1, last).boxed().toList()));
    }
  }

  private static double limit(Runnel runnel) {
    return runnel.metrics().get(LIMIT_GAUGE).tag("sink", "sqs-sink").gauge().value();
  }

  private static Map<Integer, Integer> lastVersions(List<Message> messages) {
    Map<Integer, Integer> last = new HashMap<>();
    versionsByRow(messages).forEach((id, seen) -> last.put(id, seen.get(seen.size() - 1)));
    return last;
  }

  private static Map<Integer, List<Integer>> versionsByRow(List<Message> messages) {
    Map<Integer, List<Integer>> byRow = new HashMap<>();
    for (Message message : messages) {
      try {
        JsonNode record = JSON.readTree(message.body()).get("record");
        byRow
            .computeIfAbsent(record.get("id").asInt(), k -> new ArrayList<>())
            .add(record.get("version").asInt());
      } catch (IOException e) {
        throw new AssertionError(message.body(), e);
      }
    }
    return byRow;
  }
}

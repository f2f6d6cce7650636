package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runnel.api.HttpApi;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GET /api/sinks/{name}/history: after rows stream, the sink's points show the delivered rate, the
 * lag and the interval's latency percentiles; the route needs the token and names unknown sinks as
 * other /api routes do.
 */
@RealServers
class SinkHistoryIT {
  private static final String TOKEN = "s3cret";
  private static final int ROWS = 40;
  private static Servers servers;

  @Test
  void streamedRowsShowAsAPointWithADeliveredRateAndLatency() throws Exception {
    servers.sql("CREATE TABLE public.parcels (id int PRIMARY KEY, weight int)");
    String queueUrl = servers.createQueue("parcels");
    try (Runnel runnel =
            Runnel.start(
                RunnelOptions.defaults(servers.config("history", "public.parcels", queueUrl)));
        HttpApi http = HttpApi.start(runnel, "127.0.0.1", 0, TOKEN);
        ApiClient api = new ApiClient(http.port(), TOKEN, "sqs-sink")) {
      servers.sql("INSERT INTO parcels SELECT g, g * 3 FROM generate_series(1, " + ROWS + ") g");
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == ROWS);

      JsonNode busy =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> busiestPoint(api.get(api.sink + "/history").json()),
                  point -> point != null);

      JsonNode history = api.get(api.sink + "/history").json();
      assertThat(history.get("sink").asText()).isEqualTo("sqs-sink");
      assertThat(history.get("interval_seconds").asInt()).isEqualTo(5);
      assertThat(fieldNames(busy))
          .containsExactly(
              "at",
              "delivered_per_second",
              "lag_bytes",
              "lag_seconds",
              "latency_p50_seconds",
              "latency_p99_seconds");
      assertThat(busy.get("delivered_per_second").asDouble())
          .as("%d rows delivered within the first intervals", ROWS)
          .isPositive()
          .isLessThanOrEqualTo(ROWS);
      assertThat(busy.get("latency_p50_seconds").asDouble()).isPositive().isLessThan(30);
      assertThat(busy.get("latency_p99_seconds").asDouble())
          .isGreaterThanOrEqualTo(busy.get("latency_p50_seconds").asDouble());
      assertThat(busy.get("lag_seconds").isNumber())
          .as("streaming: the lag in time is known")
          .isTrue();
      assertThat(Instant.parse(busy.get("at").asText())).isBeforeOrEqualTo(Instant.now());
      assertThat(runnel.history("sqs-sink").points()).isNotEmpty();

      ApiClient.Answer ghost = api.get("/api/sinks/ghost/history");
      assertThat(ghost.status()).isEqualTo(404);
      assertThat(ghost.json().get("error").asText()).isEqualTo("no sink named \"ghost\"");
      assertThat(api.withToken(null).get(api.sink + "/history").status()).isEqualTo(401);
    }
  }

  /** The point with the highest delivered rate, or null while none has a positive one. */
  private static JsonNode busiestPoint(JsonNode history) {
    JsonNode busiest = null;
    for (JsonNode point : history.get("points")) {
      double rate = point.get("delivered_per_second").asDouble();
      if (rate > 0 && (busiest == null || rate > busiest.get("delivered_per_second").asDouble())) {
        busiest = point;
      }
    }
    return busiest;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

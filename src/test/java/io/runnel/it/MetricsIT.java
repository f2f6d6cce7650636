package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runnel.api.HttpApi;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.runtime.SinkHealth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GET /metrics serves the sink metrics of DESIGN.md §7 in Prometheus text format. */
@RealServers
class MetricsIT {
  private static final int ROWS = 25;
  private static final String SINK = "{sink=\"sqs-sink\"}";
  private static Servers servers;

  @Test
  void deliveredRowsShowInTheSinkMetrics() throws Exception {
    servers.sql("CREATE TABLE public.items (id int PRIMARY KEY, name text)");
    String queueUrl = servers.createQueue("items");
    try (Runnel runnel =
            Runnel.start(
                RunnelOptions.defaults(servers.config("metrics", "public.items", queueUrl)));
        HttpApi api = HttpApi.start(runnel, "127.0.0.1", 0, "s3cret")) {
      for (int i = 1; i <= ROWS; i++) {
        servers.sql("INSERT INTO items VALUES (" + i + ", 'item " + i + "')");
      }
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == ROWS);
      await().atMost(Duration.ofSeconds(30)).until(() -> sink(runnel).buffered() == 0);

      String uri = "http://127.0.0.1:" + api.port() + "/metrics";
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> !Double.isNaN(value(get(uri).body(), "runnel_replication_lag_bytes" + SINK)));
      HttpResponse<String> response = get(uri);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      String text = response.body();
      assertThat(value(text, "runnel_messages_delivered_total" + SINK))
          .as("delivered count equals messages received from the queue")
          .isEqualTo(reader.poll().size());
      assertThat(value(text, "runnel_oldest_undelivered_age_seconds" + SINK)).isZero();
      assertThat(value(text, "runnel_messages_failed_total" + SINK)).isZero();
      assertThat(value(text, "runnel_messages_discarded_total" + SINK)).isZero();
      assertThat(value(text, "runnel_messages_buffered" + SINK)).isZero();
      assertThat(value(text, "runnel_requests_in_flight" + SINK)).isZero();
      assertThat(value(text, "runnel_requests_in_flight_limit" + SINK))
          .as("the adaptive limit starts at the configured 16 and never goes below")
          .isGreaterThanOrEqualTo(16);
      assertThat(value(text, "runnel_delivery_latency_seconds_count" + SINK)).isEqualTo(ROWS);
      assertThat(value(text, "runnel_delivery_latency_seconds_sum" + SINK))
          .isPositive()
          .isLessThan(ROWS * 30.0);
      assertThat(
              value(text, "runnel_delivery_latency_seconds_bucket{sink=\"sqs-sink\",le=\"60.0\"}"))
          .isEqualTo(ROWS);
      assertThat(value(text, "runnel_sqs_requests_total{outcome=\"ok\",sink=\"sqs-sink\"}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(value(text, "runnel_sqs_requests_total{outcome=\"partial\",sink=\"sqs-sink\"}"))
          .isZero();
      assertThat(value(text, "runnel_sqs_requests_total{outcome=\"failed\",sink=\"sqs-sink\"}"))
          .isZero();
      assertThat(value(text, "runnel_replication_lag_bytes" + SINK)).isNotNegative();
      assertThat(text).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads");
      assertThat(text).contains("process_cpu_usage", "system_cpu_count");

      assertThat(post(uri).statusCode()).isEqualTo(405);
    }
  }

  private static SinkHealth sink(Runnel runnel) {
    return runnel.health().getFirst();
  }

  /** The sample's value; fails when the metrics text has no such sample. */
  private static double value(String text, String sample) {
    Matcher line =
        Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    assertThat(line.find()).as("sample %s in:%n%s", sample, text).isTrue();
    return Double.parseDouble(line.group(1));
  }

  private static HttpResponse<String> get(String uri) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static HttpResponse<String> post(String uri) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}

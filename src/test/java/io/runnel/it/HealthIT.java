package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.runnel.api.HttpApi;
import io.runnel.config.ConfigLoader;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * /health turns 503, naming the sink and why, once the oldest undelivered message is older than the
 * limit, and 200 again once it is delivered; /metrics shows that age.
 */
@RealServers
class HealthIT {
  private static Servers servers;

  @Test
  void stuckMessageOlderThanTheLimitMakesHealth503UntilDelivered() throws Exception {
    servers.sql("CREATE TABLE public.tickets (id int PRIMARY KEY)");
    String queueUrl = servers.createQueue("tickets.fifo");
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    try (FaultInjectingSqsProxy proxy = FaultInjectingSqsProxy.start(servers.sqs.baseUrl(), 0)) {
      proxy.poisonedGroupId = FaultInjectingSqsProxy.groupId("1");
      String yaml = servers.yamlVia("health", "public.tickets", queueUrl, proxy.baseUrl());
      try (Runnel runnel =
              Runnel.start(
                  RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of()))
                      .withTuning(s -> s.withUndeliveredAgeLimit(Duration.ofSeconds(2))));
          HttpApi http = HttpApi.start(runnel, "127.0.0.1", 0, "health-token");
          ApiClient api = new ApiClient(http.port(), null, "sqs-sink")) {
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/health").status() == 200);
        servers.sql("INSERT INTO tickets VALUES (1), (2)");

        ApiClient.Answer stuck =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/health"), answer -> answer.status() == 503);
        JsonNode sink = stuck.json().get("sinks").get(0);
        assertThat(stuck.json().get("status").asText()).isEqualTo("unhealthy");
        assertThat(sink.get("name").asText()).isEqualTo("sqs-sink");
        assertThat(sink.get("problem").asText()).contains("oldest undelivered message is");
        assertThat(sink.get("oldest_undelivered_age_seconds").asDouble()).isGreaterThan(2);
        assertThat(ageMetric(api)).isGreaterThan(2);
        assertThat(reader.poll()).hasSize(1);

        proxy.poisonedGroupId = null;
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/health").status() == 200);
        assertThat(reader.poll()).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> ageMetric(api) == 0);
      }
    }
  }

  private static double ageMetric(ApiClient api) throws Exception {
    String text = api.get("/metrics").body();
    Matcher line =
        Pattern.compile(
                "^runnel_oldest_undelivered_age_seconds\\{sink=\"sqs-sink\"} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(text);
    assertThat(line.find()).as("age gauge in /metrics").isTrue();
    return Double.parseDouble(line.group(1));
  }
}

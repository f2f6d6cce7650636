package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runnel.config.ConfigLoader;
import io.runnel.decode.Lsn;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.runtime.SinkHealth;
import io.runnel.state.MessageState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two sinks share one slot; every request of one of them fails. The other delivers everything, the
 * failing one parks its messages and reports itself unhealthy, and the slot advances.
 */
@RealServers
class IsolationIT {
  private static Servers servers;

  @Test
  void failingSinkNeverHoldsBackItsNeighbour() throws Exception {
    servers.sql("CREATE TABLE public.shared (id int PRIMARY KEY)");
    String goodQueue = servers.createQueue("good");
    String badQueue = servers.createQueue("bad");
    try (FaultInjectingSqsProxy broken = FaultInjectingSqsProxy.start(servers.sqs.baseUrl(), 1)) {
      String yaml =
          """
          databases:
            - name: "shared-db"
              hostname: "localhost"
              port: %d
              database: "%s"
              username: "postgres"
              password: "postgres"
              slot: { name: "shared_slot", create_if_not_exists: true }
              publication: { name: "shared_pub", create_if_not_exists: true }
          sinks:
            - name: "good"
              table: "public.shared"
              destination:
                type: "sqs"
                queue_url: "%s"
                use_emulator: true
                emulator_base_url: "%s"
            - name: "bad"
              table: "public.shared"
              destination:
                type: "sqs"
                queue_url: "%s"
                use_emulator: true
                emulator_base_url: "%s"
          """
              .formatted(
                  servers.postgres.port(),
                  servers.postgres.name(),
                  goodQueue,
                  servers.sqs.baseUrl(),
                  badQueue,
                  broken.baseUrl());
      QueueReader good = new QueueReader(servers.sqsClient, goodQueue);
      try (Runnel runnel =
          Runnel.start(
              RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of()))
                  .withTuning(settings -> settings.withParkAfter(Duration.ofSeconds(2))))) {
        servers.sql("INSERT INTO shared SELECT generate_series(1, 30)");
        Lsn written = servers.currentLsn();
        await().atMost(Duration.ofSeconds(30)).until(() -> good.poll().size(), n -> n == 30);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> runnel.messages("bad", MessageState.PARKED, 100, null).size() == 30);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> servers.confirmedFlush("shared_slot").isAfter(written));

        SinkHealth bad = health(runnel, "bad");
        assertThat(bad.healthy()).isFalse();
        assertThat(bad.problem()).contains("parked");
        assertThat(health(runnel, "good").healthy()).isTrue();
        assertThat(health(runnel, "good").delivered()).isEqualTo(30);
      }
    }
  }

  private static SinkHealth health(Runnel runnel, String sink) {
    return runnel.health().stream().filter(h -> h.name().equals(sink)).findFirst().orElseThrow();
  }
}

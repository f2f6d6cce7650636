package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runnel.config.ConfigLoader;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code heartbeat_interval_ms} set, Runnel writes a transactional logical message on that
 * schedule (seen here through a second, test_decoding slot), which its own decoder skips: the sink
 * receives nothing from it, and the slot still advances on a database with no changes.
 */
@RealServers
class HeartbeatIT {
  private static Servers servers;

  @Test
  void heartbeatsAreWrittenSkippedAndAdvanceTheSlot() throws Exception {
    servers.sql(
        "CREATE TABLE public.quiet (id int PRIMARY KEY)",
        "SELECT pg_create_logical_replication_slot('heartbeat_probe', 'test_decoding')");
    String queueUrl = servers.createQueue("quiet");
    String yaml =
        servers
            .yaml("beat", "public.quiet", queueUrl)
            .replace("    publication:", "    heartbeat_interval_ms: 1000\n    publication:");
    assertThat(yaml).contains("heartbeat_interval_ms: 1000");
    try (Runnel runnel = Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
      var started = servers.confirmedFlush("beat_slot");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Integer.parseInt(
                      servers.query(
                          "SELECT count(*) FROM pg_logical_slot_peek_changes('heartbeat_probe', NULL, NULL)"
                              + " WHERE data LIKE '%prefix: runnel:heartbeat%'")),
              beats -> beats >= 3);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> servers.confirmedFlush("beat_slot").isAfter(started));
      assertThat(new QueueReader(servers.sqsClient, queueUrl).poll()).isEmpty();
      assertThat(runnel.health().get(0).delivered()).isZero();
    } finally {
      servers.sql("SELECT pg_drop_replication_slot('heartbeat_probe')");
    }
  }
}

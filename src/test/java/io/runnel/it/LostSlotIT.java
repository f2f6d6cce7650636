package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runnel.config.CheckResult;
import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.decode.Lsn;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.runtime.SinkHealth;
import io.runnel.source.SourceChecks;
import io.runnel.source.SourceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A slot that disappears after Runnel used it (a failover to a server without it, a DBA's DROP)
 * stops its database with an error naming the slot and the last acknowledged LSN — Runnel never
 * creates a fresh slot past undelivered changes. On PostgreSQL 17+ Runnel's slots are failover
 * slots, and validate --connect says which failover settings are missing.
 */
// Servers of its own per test: one per PostgreSQL version, and both tests count every slot.
class LostSlotIT {

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(strings = {"14.22.0", "16.11.0", "17.7.0", "18.1.0"})
  void aMissingSlotThatWasUsedStopsStartupWithItsLastLsn(String version) throws Exception {
    assumeTrue(PostgresVersions.available(version), "no PostgreSQL " + version + " binaries");
    try (Servers servers = Servers.start(PostgresVersions.binaries(version))) {
      servers.sql("CREATE TABLE public.lost (id int PRIMARY KEY)");
      String queueUrl = servers.createQueue("lost-queue");
      RunnelConfig config = servers.config("lost", "public.lost", queueUrl);
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      try (Runnel runnel = Runnel.start(RunnelOptions.defaults(config))) {
        servers.sql("INSERT INTO lost VALUES (1)");
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 1);
      }
      boolean failoverSlots = Integer.parseInt(version.split("\\.")[0]) >= 17;
      if (failoverSlots) {
        assertThat(
                servers.query(
                    "SELECT failover::text FROM pg_replication_slots WHERE slot_name = 'lost_slot'"))
            .isEqualTo("true");
      }
      List<String> warnings = validateWarnings(config);
      if (failoverSlots) {
        assertThat(warnings)
            .anySatisfy(w -> assertThat(w).startsWith("synchronized_standby_slots is not set"))
            .anySatisfy(w -> assertThat(w).startsWith("sync_replication_slots is off"));
      } else {
        assertThat(warnings).as("no failover settings before PostgreSQL 17").isEmpty();
      }
      Lsn acknowledged = servers.confirmedFlush("lost_slot");
      servers.sql("SELECT pg_drop_replication_slot('lost_slot')");

      assertThatThrownBy(() -> Runnel.start(RunnelOptions.defaults(config)))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("replication slot \"lost_slot\" does not exist (any more)")
          .hasMessageContaining("every change after LSN " + acknowledged)
          .hasMessageContaining(
              "DELETE FROM runnel.slots WHERE database = 'e2e-database' AND slot = 'lost_slot'");
      assertThat(servers.query("SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");

      servers.sql("DELETE FROM runnel.slots WHERE slot = 'lost_slot'");
      try (Runnel runnel = Runnel.start(RunnelOptions.defaults(config))) {
        assertThat(runnel.health()).extracting(SinkHealth::name).containsExactly("sqs-sink");
      }
    }
  }

  /**
   * The slot vanishes while Runnel streams (its walsender is ended, the slot dropped before the
   * reconnect): the database fails with the slot and the last acknowledged LSN, and /health says
   * so; a standby taking over refuses the same way. The config lists an unreachable host first:
   * Runnel connects to the primary among them.
   */
  @Test
  void aSlotDroppedWhileStreamingFailsTheDatabaseOnReconnect() throws Exception {
    try (Servers servers = Servers.start()) {
      servers.sql("CREATE TABLE public.gone (id int PRIMARY KEY)");
      String queueUrl = servers.createQueue("gone-queue");
      String yaml =
          servers
              .yaml("gone", "public.gone", queueUrl)
              .replace("hostname: \"localhost\"", "hostname: \"localhost:1,localhost\"");
      RunnelConfig config = ConfigLoader.parse(yaml, Map.of());
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      Runnel runnel = Runnel.start(RunnelOptions.defaults(config));
      try (Runnel standby = StandbyIT.start(config, "gone-standby")) {
        servers.sql("INSERT INTO gone VALUES (1)");
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 1);
        Lsn acknowledged = servers.confirmedFlush("gone_slot");
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () -> {
                  servers.sql(
                      "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
                          + " WHERE slot_name = 'gone_slot' AND active_pid IS NOT NULL",
                      "SELECT pg_drop_replication_slot('gone_slot')");
                  return true;
                });
        SinkHealth failed =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> runnel.health().get(0), h -> h.sourceState().equals("FAILED"));
        assertThat(failed.problem())
            .contains("replication slot \"gone_slot\" does not exist (any more)")
            .contains("every change after LSN " + acknowledged);

        // The standby takes over once the failed holder stops, and refuses just the same.
        runnel.close();
        SinkHealth refused =
            await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> standby.health().get(0), h -> h.problem() != null);
        assertThat(refused.status()).isEqualTo("standby");
        assertThat(refused.problem())
            .contains("replication slot \"gone_slot\" does not exist (any more)")
            .contains("every change after LSN " + acknowledged);
        assertThat(servers.query("SELECT count(*) FROM pg_replication_slots"))
            .as("no slot created past the undelivered changes")
            .isEqualTo("0");
      } finally {
        runnel.close();
      }
    }
  }

  private static List<String> validateWarnings(RunnelConfig config) {
    return SourceChecks.check(config).stream()
        .filter(r -> !r.isError())
        .map(CheckResult::message)
        .filter(m -> m.contains("sync_replication_slots") || m.contains("synchronized_standby"))
        .toList();
  }
}

package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.config.ConfigLoader;
import io.runnel.decode.Lsn;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.state.MessageState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A poisoned group parks in the state store while the other groups flow and the slot advances; once
 * the fault clears, the parked messages arrive, in order, before newer ones of their group.
 */
@RealServers
class ParkingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Servers servers;

  @Test
  void poisonedGroupParksOthersFlowSlotAdvancesThenParkedArriveInOrder() throws Exception {
    servers.sql("CREATE TABLE public.accounts (id int PRIMARY KEY, version int NOT NULL)");
    String queueUrl = servers.createQueue("accounts.fifo");
    try (FaultInjectingSqsProxy proxy = FaultInjectingSqsProxy.start(servers.sqs.baseUrl(), 0)) {
      proxy.poisonedGroupId = FaultInjectingSqsProxy.groupId("1");
      String yaml = servers.yamlVia("parking", "public.accounts", queueUrl, proxy.baseUrl());
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      try (Runnel runnel =
          Runnel.start(
              RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of()))
                  .withTuning(settings -> settings.withParkAfter(Duration.ofSeconds(2))))) {
        servers.sql("INSERT INTO accounts SELECT g, 0 FROM generate_series(1, 10) g");
        for (int version = 1; version <= 3; version++) {
          servers.sql("UPDATE accounts SET version = " + version);
        }
        Lsn written = servers.currentLsn();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    versions(reader.poll(), 2).size() == 4
                        && versions(reader.received(), 10).size() == 4);
        assertThat(versions(reader.received(), 1)).as("row 1 is poisoned").isEmpty();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> runnel.messages("sqs-sink", MessageState.PARKED, 10, null).size() == 4);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> servers.confirmedFlush("parking_slot").isAfter(written));

        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> runnel.health().get(0).problem(), p -> p != null && p.contains("parked"));
        servers.sql("UPDATE accounts SET version = 4 WHERE id = 1");
        proxy.poisonedGroupId = null;
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> versions(reader.poll(), 1), seen -> seen.size() == 5);
        assertThat(versions(reader.received(), 1)).containsExactly(0, 1, 2, 3, 4);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> runnel.messages("sqs-sink", MessageState.PARKED, 10, null).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> runnel.health().get(0).healthy());
      }
    }
  }

  private static List<Integer> versions(List<Message> messages, int id) {
    List<Integer> versions = new ArrayList<>();
    for (Message message : messages) {
      try {
        JsonNode record = JSON.readTree(message.body()).get("record");
        if (record.get("id").asInt() == id) {
          versions.add(record.get("version").asInt());
        }
      } catch (IOException e) {
        throw new AssertionError(message.body(), e);
      }
    }
    return versions;
  }
}

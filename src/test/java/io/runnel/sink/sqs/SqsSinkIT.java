package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runnel.config.SqsDestination;
import io.runnel.demo.EmbeddedSqs;
import io.runnel.it.RealServers;
import io.runnel.it.Servers;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The SQS sink against a real SQS-compatible server (ElasticMQ, 256 KiB limit). */
@RealServers
class SqsSinkIT {
  private static Servers servers;
  private static EmbeddedSqs sqs;
  private static SqsClient client;

  @BeforeAll
  static void start() {
    sqs = servers.sqs;
    client = servers.sqsClient;
  }

  private static SqsDestination emulator(String queueUrl) {
    return new SqsDestination(
        queueUrl, "us-east-1", null, null, false, null, null, true, sqs.baseUrl(), null);
  }

  private static OutboundMessage message(String key, String group, String body) {
    return TestMessages.message(key, group, body);
  }

  @Test
  void emulatorWithoutReportedLimitGets256KiB() {
    servers.createQueue("limits");
    try (SqsSink sink =
        SqsSink.open(
            emulator(sqs.queueUrl("limits")), 10, true, "test", new SimpleMeterRegistry())) {
      assertThat(sink.maxRequestBytes()).isEqualTo(256 * 1024);
      assertThat(sink.maxBatchSize()).isEqualTo(10);
    }
  }

  @Test
  void missingQueueFailsNamingTheQueue() {
    String url = sqs.queueUrl("no-such-queue");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SqsSink.open(emulator(url), 10, true, "test", new SimpleMeterRegistry()))
        .isInstanceOf(SqsSetupException.class)
        .hasMessageContaining(url)
        .hasMessageContaining("sqs:GetQueueAttributes");
  }

  @Test
  void wholeBatchRejectedAsTooLongIsSplitSoOnlyTheOversizedEntryIsDiscarded() {
    servers.createQueue("split");
    String url = sqs.queueUrl("split");
    // The sink is told a larger limit than the server enforces, so the server rejects the batch.
    SqsDestination destination =
        new SqsDestination(
            url, "us-east-1", null, null, false, null, null, true, sqs.baseUrl(), 1024 * 1024);
    try (SqsSink sink = SqsSink.open(destination, 10, true, "test", new SimpleMeterRegistry())) {
      List<Outcome> outcomes =
          sink.send(
                  List.of(
                      message("k1", "g1", "small one"),
                      message("k2", "g2", "x".repeat(300 * 1024)),
                      message("k3", "g3", "small three")))
              .join();
      assertThat(outcomes)
          .as(outcomes.toString())
          .extracting(Outcome::kind)
          .containsExactly(Outcome.Kind.DELIVERED, Outcome.Kind.DISCARD, Outcome.Kind.DELIVERED);
      assertThat(outcomes.get(1).error()).contains("MessageTooLong");
    }
    assertThat(receiveAll(url))
        .extracting(Message::body)
        .containsExactlyInAnyOrder("small one", "small three");
  }

  /**
   * Issue 18: a whole request refused as InvalidMessageContents used to retry every entry forever.
   * Under each spelling (ElasticMQ 1.6's answer to SendMessage with U+FFFE first) the batch is now
   * split, only the entry at fault is discarded, and the others arrive.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|{\"Message\":\"InvalidMessageContents\",\"__type\":\"com.amazonaws.sqs#InvalidAttributeValue\"}",
        "AWS.SimpleQueueService.InvalidMessageContents;Sender|{\"__type\":\"com.amazonaws.sqs#InvalidMessageContents\",\"message\":\"Invalid binary character\"}",
        "|{\"__type\":\"com.amazonaws.sqs#InvalidMessageContents\",\"message\":\"Invalid binary character\"}",
      })
  void wholeBatchRefusedForItsCharactersIsSplitSoOnlyThatEntryIsDiscarded(
      String queryError, String answer) throws IOException {
    String name =
        "refused-" + Integer.toHexString(answer.hashCode() ^ String.valueOf(queryError).hashCode());
    servers.createQueue(name);
    String url = sqs.queueUrl(name);
    try (RefusingSqsProxy proxy =
            RefusingSqsProxy.start(sqs.baseUrl(), "refuse me", queryError, answer);
        SqsSink sink =
            SqsSink.open(
                new SqsDestination(
                    url, "us-east-1", null, null, false, null, null, true, proxy.baseUrl(), null),
                10,
                true,
                "test",
                new SimpleMeterRegistry())) {
      List<Outcome> outcomes =
          sink.send(
                  List.of(
                      message("k1", "g1", "one"),
                      message("k2", "g2", "refuse me"),
                      message("k3", "g3", "three"),
                      message("k4", "g4", "four")))
              .join();
      assertThat(outcomes)
          .as(outcomes.toString())
          .extracting(Outcome::kind)
          .containsExactly(
              Outcome.Kind.DELIVERED,
              Outcome.Kind.DISCARD,
              Outcome.Kind.DELIVERED,
              Outcome.Kind.DELIVERED);
      assertThat(outcomes.get(1).error()).contains("Invalid");
    }
    assertThat(receiveAll(url))
        .extracting(Message::body)
        .containsExactlyInAnyOrder("one", "three", "four");
  }

  @Test
  void fifoEntriesCarryMd5GroupAndDedupIds() {
    servers.createQueue("ids.fifo");
    String url = sqs.queueUrl("ids.fifo");
    try (SqsSink sink = SqsSink.open(emulator(url), 10, true, "test", new SimpleMeterRegistry())) {
      assertThat(
              sink.send(
                      List.of(
                          message("MTox", "1234", "grouped"), message("MToy", null, "ungrouped")))
                  .join())
          .extracting(Outcome::kind)
          .containsOnly(Outcome.Kind.DELIVERED);
    }
    List<Message> received = receiveAll(url);
    assertThat(received).hasSize(2);
    Message grouped =
        received.stream().filter(m -> m.body().equals("grouped")).findFirst().orElseThrow();
    assertThat(grouped.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
        .isEqualTo(MessageIds.md5Hex("1234"));
    assertThat(grouped.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
        .isEqualTo(MessageIds.md5Hex("MTox"));
    Message ungrouped =
        received.stream().filter(m -> m.body().equals("ungrouped")).findFirst().orElseThrow();
    assertThat(ungrouped.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
        .as("no group key: the group id is the dedup id")
        .isEqualTo(MessageIds.md5Hex("MToy"));
  }

  @Test
  void standardQueueAcceptsGroupedMessages() {
    servers.createQueue("standard");
    String url = sqs.queueUrl("standard");
    try (SqsSink sink = SqsSink.open(emulator(url), 10, true, "test", new SimpleMeterRegistry())) {
      assertThat(sink.send(List.of(message("k1", "row-1", "{}"))).join())
          .extracting(Outcome::kind)
          .containsExactly(Outcome.Kind.DELIVERED);
    }
    assertThat(receiveAll(url)).hasSize(1);
  }

  @Test
  void routedMessagesGoToTheirQueuesEachWithItsOwnFifoNessAndLimit() {
    servers.createQueue("routed-std");
    servers.createQueue("routed.fifo");
    String standard = sqs.queueUrl("routed-std");
    String fifo = sqs.queueUrl("routed.fifo");
    try (SqsSink sink =
        SqsSink.open(emulator(null), 10, true, true, "test", new SimpleMeterRegistry())) {
      assertThat(sink.destination()).isNull();
      assertThat(sink.maxRequestBytes()).isEqualTo(QueueLimits.AWS_MAX_BYTES);
      List<Outcome> outcomes =
          sink.send(
                  List.of(
                      message("k1", "g1", "to standard").routedTo(standard),
                      message("k2", "g2", "to fifo").routedTo(fifo),
                      message("k3", "g3", "x".repeat(300 * 1024)).routedTo(standard),
                      message("k4", "g4", "failed").routedTo(fifo).failed("function error: x"),
                      message("k5", "g5", "nowhere").routedTo(sqs.queueUrl("ghost")),
                      message("k6", "g6", "to fifo too").routedTo(fifo),
                      message("k7", "g7", "no queue")))
              .join();
      assertThat(outcomes)
          .as(outcomes.toString())
          .extracting(Outcome::kind)
          .containsExactly(
              Outcome.Kind.DELIVERED,
              Outcome.Kind.DELIVERED,
              Outcome.Kind.DISCARD,
              Outcome.Kind.DISCARD,
              Outcome.Kind.DISCARD,
              Outcome.Kind.DELIVERED,
              Outcome.Kind.DISCARD);
      assertThat(outcomes.get(2).error())
          .isEqualTo(
              "message is 307200 bytes, over the limit of queue " + standard + " (262144 bytes)");
      assertThat(outcomes.get(3).error()).isEqualTo("function error: x");
      assertThat(outcomes.get(4).error())
          .startsWith("routing error: queue " + sqs.queueUrl("ghost") + " cannot be used: ");
      assertThat(outcomes.get(6).error()).startsWith("routing error: no queue");
    }
    assertThat(receiveAll(standard))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.body()).isEqualTo("to standard");
              assertThat(m.attributes())
                  .doesNotContainKey(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
            });
    assertThat(receiveAll(fifo))
        .extracting(
            Message::body,
            m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
        .containsExactlyInAnyOrder(
            tuple("to fifo", MessageIds.md5Hex("k2")),
            tuple("to fifo too", MessageIds.md5Hex("k6")));
  }

  private static List<Message> receiveAll(String url) {
    return client
        .receiveMessage(
            r ->
                r.queueUrl(url)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages();
  }
}

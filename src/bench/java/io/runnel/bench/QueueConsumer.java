package io.runnel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Receives and deletes a queue's messages on a few threads while a run writes to it: keeps a FIFO
 * queue shallow (ElasticMQ's FIFO slows as it fills) and, when asked, records each message's
 * latency from its {@code metadata.commit_timestamp} to the server's {@code SentTimestamp} (the
 * moment SQS accepted it). Thread-safe.
 */
final class QueueConsumer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient client;
  private final String queueUrl;
  private final boolean recordLatency;
  private final List<Thread> threads = new ArrayList<>();
  private final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
  private final AtomicLong received = new AtomicLong();
  private volatile boolean running = true;

  QueueConsumer(SqsClient client, String queueUrl, int threads, boolean recordLatency) {
    this.client = client;
    this.queueUrl = queueUrl;
    this.recordLatency = recordLatency;
    for (int i = 0; i < threads; i++) {
      this.threads.add(Thread.ofPlatform().daemon().name("bench-consumer-" + i).start(this::run));
    }
  }

  private void run() {
    while (running) {
      List<Message> messages =
          client
              .receiveMessage(
                  r ->
                      r.queueUrl(queueUrl)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1)
                          .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
              .messages();
      if (messages.isEmpty()) {
        continue;
      }
      received.addAndGet(messages.size());
      if (recordLatency) {
        messages.forEach(this::recordLatency);
      }
      List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        deletes.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(messages.get(i).receiptHandle())
                .build());
      }
      client.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(deletes));
    }
  }

  private void recordLatency(Message message) {
    try {
      JsonNode body = JSON.readTree(message.body());
      Instant committed = Instant.parse(body.path("metadata").path("commit_timestamp").asText());
      long sentMillis =
          Long.parseLong(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
      long commitMicros = committed.getEpochSecond() * 1_000_000 + committed.getNano() / 1000;
      latenciesMicros.add(sentMillis * 1000 - commitMicros);
    } catch (Exception e) {
      throw new IllegalStateException("unreadable message body: " + message.body(), e);
    }
  }

  long received() {
    return received.get();
  }

  /** Latencies recorded so far, in microseconds (SentTimestamp has millisecond resolution). */
  List<Long> latenciesMicros() {
    return List.copyOf(latenciesMicros);
  }

  void clearLatencies() {
    latenciesMicros.clear();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join();
    }
  }
}

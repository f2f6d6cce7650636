package io.runnel.bench;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The SQS ceiling: a plain loop of SendMessageBatch requests (10 bodies of one size) kept {@code
 * concurrency} deep with the AWS SDK's async client, as fast as the server answers. For FIFO queues
 * each entry gets a unique deduplication id and one of 128 message groups, as Runnel's FIFO runs
 * do. Not thread-safe.
 */
final class SqsCeiling {
  static final int GROUPS = 128;

  /**
   * FIFO entries get one group per message when Runnel's FIFO runs group by primary key ({@code
   * -Dbench.fifo-groups=key}): ElasticMQ's FIFO costs several times more per message with many
   * distinct groups, so the ceiling must have the same grouping to be comparable.
   */
  private static final boolean GROUP_PER_MESSAGE =
      "key".equals(System.getProperty("bench.fifo-groups"));

  private final SqsAsyncClient client;

  SqsCeiling(SqsAsyncClient client) {
    this.client = client;
  }

  /** Messages per second accepted while sending for {@code seconds}. */
  double run(String queueUrl, int bodyBytes, int concurrency, double seconds)
      throws InterruptedException {
    boolean fifo = queueUrl.endsWith(".fifo");
    String body = "x".repeat(Math.max(1, bodyBytes));
    AtomicLong sent = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    long started = System.nanoTime();
    long deadline = started + (long) (seconds * 1e9);
    CountDownLatch lanes = new CountDownLatch(concurrency);
    for (int i = 0; i < concurrency; i++) {
      sendNext(queueUrl, body, fifo, sequence, sent, deadline, lanes);
    }
    lanes.await();
    return sent.get() / ((System.nanoTime() - started) / 1e9);
  }

  private void sendNext(
      String queueUrl,
      String body,
      boolean fifo,
      AtomicLong sequence,
      AtomicLong sent,
      long deadline,
      CountDownLatch lanes) {
    if (System.nanoTime() - deadline > 0) {
      lanes.countDown();
      return;
    }
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
    for (int i = 0; i < 10; i++) {
      long n = sequence.incrementAndGet();
      var entry = SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body);
      if (fifo) {
        entry
            .messageDeduplicationId(
                Long.toHexString(n) + HexFormat.of().toHexDigits(System.nanoTime()))
            .messageGroupId("group-" + (GROUP_PER_MESSAGE ? n : n % GROUPS));
      }
      entries.add(entry.build());
    }
    client
        .sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries))
        .whenComplete(
            (response, error) -> {
              if (response != null) {
                sent.addAndGet(response.successful().size());
              }
              sendNext(queueUrl, body, fifo, sequence, sent, deadline, lanes);
            });
  }
}

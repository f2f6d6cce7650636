package io.runnel.sink.sqs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.config.LargePayloads;
import io.runnel.message.EncodedMessage;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink's {@code large_payloads}: decides which messages go to S3, writes their bodies there, and
 * puts in their place the pointer messages AWS's SQS Extended Client reads (DESIGN.md §4). The
 * object is written before the pointer is sent; a message whose PutObject failed is not sent at all
 * and gets its retry outcome ({@link S3Errors}), while the rest of the batch goes on. Counts {@code
 * runnel_payloads_offloaded_total} and {@code runnel_payload_offload_bytes_total} per delivered
 * offloaded message. Thread-safe.
 */
final class PayloadOffload implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PayloadOffload.class);

  private final S3Payloads store;
  private final Integer thresholdBytes;
  private final boolean always;
  private final String sinkName;
  private final Counter offloaded;
  private final Counter offloadedBytes;

  PayloadOffload(S3Payloads store, LargePayloads config, String sinkName, MeterRegistry registry) {
    this.store = store;
    this.thresholdBytes = config.thresholdBytes();
    this.always = config.always();
    this.sinkName = sinkName;
    this.offloaded =
        Counter.builder("runnel.payloads.offloaded")
            .description("Messages delivered with their body in S3 (large_payloads)")
            .tag("sink", sinkName)
            .register(registry);
    this.offloadedBytes =
        Counter.builder("runnel.payload.offload.bytes")
            .description("Body bytes of the delivered messages offloaded to S3")
            .tag("sink", sinkName)
            .register(registry);
  }

  /** Bodies larger than this go to S3: the configured threshold, at most the queue's limit. */
  int threshold(SqsQueue queue) {
    return thresholdBytes == null ? queue.maxBytes() : Math.min(thresholdBytes, queue.maxBytes());
  }

  boolean needed(OutboundMessage message, SqsQueue queue) {
    return always || message.sizeBytes() > threshold(queue);
  }

  boolean anyNeeded(List<OutboundMessage> messages, SqsQueue queue) {
    for (OutboundMessage message : messages) {
      if (needed(message, queue)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes the bodies of the messages that need it to S3, all at once; completes when every write
   * has, never exceptionally.
   */
  CompletableFuture<Prepared> prepare(SqsQueue queue, List<OutboundMessage> messages) {
    Prepared prepared = new Prepared(messages.size());
    List<CompletableFuture<Void>> puts = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      OutboundMessage message = messages.get(i);
      if (needed(message, queue)) {
        puts.add(put(message, i, prepared));
      } else {
        prepared.send[i] = message;
      }
    }
    return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new))
        .thenApply(done -> prepared.holdBackBehindFailures(messages));
  }

  private CompletableFuture<Void> put(OutboundMessage message, int index, Prepared prepared) {
    String key = store.key(message.idempotencyKey());
    byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
    return store
        .put(key, body)
        .handle(
            (ok, error) -> {
              if (error == null) {
                prepared.offloaded(index, pointer(message, key), key, body.length);
              } else {
                Outcome outcome = S3Errors.outcome(store.bucket(), key, error);
                // The delivery engine logs when deliveries start and stop failing; only an error
                // no retry can fix is worth a line per attempt.
                if (outcome.error().contains(S3Errors.PERMANENT_MARK)) {
                  log.warn(
                      "sink={} key={} {}", sinkName, message.idempotencyKey(), outcome.error());
                } else {
                  log.debug(
                      "sink={} key={} {}", sinkName, message.idempotencyKey(), outcome.error());
                }
                prepared.failed[index] = outcome;
              }
              return null;
            });
  }

  /** What the queue gets instead of {@code message}: its ids, the pointer as its body. */
  OutboundMessage pointer(OutboundMessage message, String key) {
    EncodedMessage encoded = message.encoded();
    String body = PayloadPointer.body(store.bucket(), key);
    return new OutboundMessage(
        new EncodedMessage(body, encoded.idempotencyKey(), encoded.groupKey(), encoded.recordPks()),
        message.table(),
        message.action(),
        message.commitTimestamp(),
        message.transaction(),
        body.getBytes(StandardCharsets.UTF_8).length,
        message.queueUrl(),
        message.failure());
  }

  /**
   * One batch after its PutObjects: what to send in place of each message, or the outcome of a
   * message whose write failed. Filled by the writes, then read by one thread.
   */
  final class Prepared {
    private final OutboundMessage[] send;
    private final Outcome[] failed;
    private final String[] keys;
    private final long[] sizes;
    private final Map<OutboundMessage, Long> extendedSizes =
        Collections.synchronizedMap(new IdentityHashMap<>());

    private Prepared(int size) {
      send = new OutboundMessage[size];
      failed = new Outcome[size];
      keys = new String[size];
      sizes = new long[size];
    }

    private void offloaded(int index, OutboundMessage pointer, String key, long size) {
      send[index] = pointer;
      keys[index] = key;
      sizes[index] = size;
      extendedSizes.put(pointer, size);
    }

    /**
     * Keeps a row's order should a batch ever carry two messages of one group (the dispatcher sends
     * one per group today): a message behind a failed PutObject of its group is not sent.
     */
    private Prepared holdBackBehindFailures(List<OutboundMessage> messages) {
      for (int i = 0; i < failed.length; i++) {
        String group = messages.get(i).groupKey();
        for (int j = i + 1; failed[i] != null && group != null && j < failed.length; j++) {
          if (failed[j] == null && group.equals(messages.get(j).groupKey())) {
            failed[j] =
                Outcome.retry("waits for an earlier message of its group: " + failed[i].error());
          }
        }
      }
      return this;
    }

    /** The messages to send, in batch order: pointers for the offloaded ones. */
    List<OutboundMessage> toSend() {
      List<OutboundMessage> messages = new ArrayList<>(send.length);
      for (int i = 0; i < send.length; i++) {
        if (failed[i] == null) {
          messages.add(send[i]);
        }
      }
      return messages;
    }

    /** The {@code ExtendedPayloadSize} of each pointer in {@link #toSend()}, by identity. */
    Map<OutboundMessage, Long> extendedSizes() {
      return extendedSizes;
    }

    /** The batch's outcomes: those of {@code sent} (for {@link #toSend()}) and the failed ones. */
    List<Outcome> merge(List<Outcome> sent) {
      List<Outcome> outcomes = new ArrayList<>(send.length);
      int next = 0;
      for (int i = 0; i < send.length; i++) {
        if (failed[i] != null) {
          outcomes.add(failed[i]);
          continue;
        }
        Outcome outcome = sent.get(next++);
        if (keys[i] != null && outcome.kind() == Outcome.Kind.DELIVERED) {
          offloaded.increment();
          offloadedBytes.increment(sizes[i]);
          outcome = outcome.withS3Key(keys[i]);
        }
        outcomes.add(outcome);
      }
      return outcomes;
    }
  }

  @Override
  public void close() {
    store.close();
  }
}

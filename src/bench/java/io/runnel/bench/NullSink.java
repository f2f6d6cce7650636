package io.runnel.bench;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import io.runnel.pipeline.Sink;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sink that answers every message delivered at once and throws it away: measures decoding,
 * encoding and ordering without a network. Counts the body bytes it was given. Thread-safe.
 */
final class NullSink implements Sink {
  /** The emulator's default limit, so batches are formed as they are for ElasticMQ. */
  private static final int MAX_REQUEST_BYTES = 256 * 1024;

  private static final LongAdder messages = new LongAdder();
  private static final LongAdder bodyBytes = new LongAdder();

  private final int batchSize;

  NullSink(int batchSize) {
    this.batchSize = batchSize;
  }

  @Override
  public CompletableFuture<List<Outcome>> send(List<OutboundMessage> batch) {
    for (OutboundMessage message : batch) {
      bodyBytes.add(message.sizeBytes());
    }
    messages.add(batch.size());
    return CompletableFuture.completedFuture(
        Collections.nCopies(batch.size(), Outcome.delivered()));
  }

  /** Forgets what earlier runs were given. */
  static void resetCounts() {
    messages.reset();
    bodyBytes.reset();
  }

  /** Mean body size of the messages null sinks were given since the last reset; 0 if none. */
  static long meanBodyBytes() {
    long count = messages.sum();
    return count == 0 ? 0 : bodyBytes.sum() / count;
  }

  @Override
  public String destination() {
    return "null";
  }

  @Override
  public int maxBatchSize() {
    return batchSize;
  }

  @Override
  public int maxRequestBytes() {
    return MAX_REQUEST_BYTES;
  }

  @Override
  public void close() {}
}

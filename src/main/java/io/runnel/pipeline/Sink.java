package io.runnel.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where a sink's messages go. Implementations are thread-safe: several batches may be in flight.
 */
public interface Sink extends AutoCloseable {

  /**
   * Sends one batch. The future completes with one {@link Outcome} per message, in batch order; it
   * never completes exceptionally (failures are outcomes).
   */
  CompletableFuture<List<Outcome>> send(List<OutboundMessage> batch);

  /** Where messages go, for operators (the queue URL). */
  String destination();

  /** Most messages per request. */
  int maxBatchSize();

  /**
   * Most body bytes per request. A message over it is sent in a batch of its own, and the sink
   * answers it with a discard naming the limit.
   */
  int maxRequestBytes();

  @Override
  void close();
}

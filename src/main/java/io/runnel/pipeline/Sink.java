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

  /** Most body bytes per message and per request. */
  int maxRequestBytes();

  @Override
  void close();
}

package io.runnel.delivery;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What other threads tell a {@link SinkWorker}: put on its queue, handled one at a time on the
 * worker thread.
 */
sealed interface WorkerEvent {

  /** A message from the source (the replication reader thread). */
  record Arrived(OutboundMessage message) implements WorkerEvent {}

  /** A batch the sink answered. */
  record Answered(List<Delivery> batch, List<Outcome> outcomes) implements WorkerEvent {}

  /** The source found the buffer full: park what is only waiting for a retry. */
  record MemoryShort() implements WorkerEvent {}

  /** Work asked of the worker thread from another (API views, operator actions). */
  record Request<T>(Supplier<T> work, CompletableFuture<T> answer) implements WorkerEvent {
    void run() {
      try {
        answer.complete(work.get());
      } catch (RuntimeException e) {
        answer.completeExceptionally(e);
      }
    }
  }

  /**
   * Wakes the worker so it sees a changed flag (paused, stopping, abandoning) at once rather than
   * at its next timeout.
   */
  record Wake() implements WorkerEvent {}
}

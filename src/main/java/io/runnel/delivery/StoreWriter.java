package io.runnel.delivery;

import io.runnel.decode.Action;
import io.runnel.decode.TableId;
import io.runnel.message.EncodedMessage;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Transaction;
import io.runnel.state.StateStore;
import io.runnel.state.StoredMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink worker's writes to the state store. A write that must be durable before a message is
 * released (discard, park, removal after redelivery) is retried with backoff while the store is
 * unreachable, so nothing vanishes; the worker waits meanwhile. Confined to the worker thread.
 */
final class StoreWriter {
  private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

  private final String sinkName;
  private final StateStore store;
  private final BooleanSupplier abandoned;
  private final Consumer<String> onFailure;

  StoreWriter(
      String sinkName, StateStore store, BooleanSupplier abandoned, Consumer<String> onFailure) {
    this.sinkName = sinkName;
    this.store = store;
    this.abandoned = abandoned;
    this.onFailure = onFailure;
  }

  void discarded(StoredMessage message) {
    durably(
        "record discarded message " + message.idempotencyKey(),
        () -> store.recordDiscarded(message));
  }

  void parked(String group, List<StoredMessage> messages) {
    durably("park " + messages.size() + " messages", () -> store.park(group, messages));
  }

  void redelivered(String idempotencyKey) {
    durably(
        "remove redelivered message " + idempotencyKey,
        () -> store.remove(sinkName, idempotencyKey));
  }

  /**
   * @return whether the write happened (false only when the worker was abandoned first)
   */
  private boolean durably(String what, Runnable write) {
    for (long waitMs = 1000; !abandoned.getAsBoolean(); waitMs = Math.min(waitMs * 2, 30_000)) {
      try {
        write.run();
        return true;
      } catch (RuntimeException e) {
        onFailure.accept(e.getMessage());
        log.error(
            "sink={} cannot {}; retrying in {} ms: {}", sinkName, what, waitMs, e.getMessage());
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(waitMs));
      }
    }
    return false;
  }

  /** A stored message as an outbound one again, detached from any source transaction. */
  static OutboundMessage outbound(StoredMessage stored) {
    int dot = stored.table().indexOf('.');
    TableId table =
        new TableId(
            stored.table().substring(0, Math.max(dot, 0)), stored.table().substring(dot + 1));
    return OutboundMessage.of(
            new EncodedMessage(
                stored.body(), stored.idempotencyKey(), stored.groupKey(), List.of()),
            table,
            Action.fromWireName(stored.action()),
            stored.committedAt(),
            Transaction.detached())
        .routedTo(stored.queueUrl());
  }
}

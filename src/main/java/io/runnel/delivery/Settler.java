package io.runnel.delivery;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import io.runnel.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a sink's messages as the {@link Dispatcher} decides: records discards and parkings in the
 * state store (durably, first), then frees the buffer space and releases the transaction so the ack
 * watermark can pass. Counts and logs. Confined to the sink's worker thread.
 */
final class Settler implements DeliveryListener {
  private static final Logger log = LoggerFactory.getLogger(Settler.class);

  private final String sinkName;
  private final String destination;
  private final SinkStats stats;
  private final StoreWriter storeWriter;
  private final BufferPermits permits;
  private final Consumer<String> resumeParked;
  private final Clock clock;
  private final RecentDeliveries recent = new RecentDeliveries();

  /** Whether the last answer was a failure: logs the change of state, not every retry. */
  private boolean failing;

  /**
   * @param resumeParked told the group of a message read back from the store once it settles, so
   *     the group's next stored message becomes due
   */
  Settler(
      String sinkName,
      String destination,
      SinkStats stats,
      StoreWriter storeWriter,
      BufferPermits permits,
      Consumer<String> resumeParked,
      Clock clock) {
    this.sinkName = sinkName;
    this.destination = destination;
    this.stats = stats;
    this.storeWriter = storeWriter;
    this.permits = permits;
    this.resumeParked = resumeParked;
    this.clock = clock;
  }

  @Override
  public void delivered(Delivery delivery) {
    if (delivery.fromStore) {
      storeWriter.redelivered(delivery.message.idempotencyKey());
    }
    stats.recordDelivered(delivery.message.commitTimestamp());
    recent.add(view(delivery, MessageState.DELIVERED));
    if (delivery.attempts > 1) {
      failureEnded("deliveries succeeding again");
    }
    release(delivery);
  }

  @Override
  public void discarded(Delivery delivery, String reason) {
    OutboundMessage message = delivery.message;
    log.warn(
        "sink={} discarded message table={} action={} key={} attempts={} reason={}",
        sinkName,
        message.table(),
        message.action().wireName(),
        message.idempotencyKey(),
        delivery.attempts,
        reason);
    storeWriter.discarded(view(delivery, MessageState.DISCARDED));
    stats.recordDiscarded(reason);
    if (delivery.attempts > 1) {
      failureEnded("the failing message was discarded; deliveries no longer failing");
    }
    release(delivery);
  }

  /**
   * A retried message settled, delivered or discarded: the failure it stood for is over (another
   * message still failing says so again on its next attempt).
   */
  private void failureEnded(String how) {
    if (failing) {
      failing = false;
      stats.recordFailingSince(null);
      log.info("sink={} {}", sinkName, how);
    }
  }

  @Override
  public void willRetry(Delivery delivery, long delayNanos) {
    stats.recordFailedAttempt(delivery.lastError);
    if (!failing) {
      failing = true;
      stats.recordFailingSince(clock.instant());
      log.warn(
          "sink={} deliveries failing, retrying with backoff (details at DEBUG): {}",
          sinkName,
          delivery.lastError);
    }
    log.debug(
        "sink={} will retry key={} attempt={} in {} ms: {}",
        sinkName,
        delivery.message.idempotencyKey(),
        delivery.attempts,
        TimeUnit.NANOSECONDS.toMillis(delayNanos),
        delivery.lastError);
  }

  @Override
  public void parked(String group, List<Delivery> deliveries) {
    List<StoredMessage> records = new ArrayList<>(deliveries.size());
    for (Delivery delivery : deliveries) {
      records.add(view(delivery, MessageState.PARKED));
    }
    storeWriter.parked(group, records);
    Delivery head = deliveries.get(0);
    if (head.attempts > 0) {
      log.warn(
          "sink={} parked a failing group: {} message(s) moved to the state store so the slot can"
              + " advance; first key={} attempts={} last error: {}",
          sinkName,
          deliveries.size(),
          head.message.idempotencyKey(),
          head.attempts,
          head.lastError);
    }
    deliveries.forEach(this::release);
  }

  /** The last messages delivered, newest first. Safe from any thread. */
  List<StoredMessage> recentlyDelivered(int limit) {
    return recent.newest(limit);
  }

  private StoredMessage view(Delivery delivery, MessageState state) {
    return DeliveryViews.view(sinkName, destination, delivery, state, null, clock.instant());
  }

  /**
   * Frees the message's buffer space and lets its transaction be acknowledged. A message read back
   * from the store holds neither; when it settles, its group's next stored one is due.
   */
  private void release(Delivery delivery) {
    if (delivery.fromStore) {
      resumeParked.accept(delivery.group);
      return;
    }
    delivery.message.transaction().release();
    permits.release(delivery.message);
  }
}

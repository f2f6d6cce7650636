package io.runnel.delivery;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import io.runnel.time.Clock;
import java.util.ArrayList;
import java.util.List;

/*
 * Design: ordering within a group, parallelism across groups.
 *
 * Messages are queued per group key (the row's primary key or group columns). A group is either
 * "ready" (its head may be sent), "busy" (its head is in flight or waiting for a retry), or gone
 * (empty). A batch takes the heads of up to maxBatchSize ready groups, so no two messages of one
 * group are ever in flight together, and a group whose head backs off holds back everything
 * behind it while the other groups flow. A message without a group key gets a group of its own.
 *
 * Why not several messages of a group in one request (which DESIGN.md §5 would allow): when SQS
 * refuses one entry of a request it may still take the entries after it, and a later version of a
 * row would then reach the queue before an earlier one (OrderingIT fails that way). One message
 * per group per request keeps commit order under partial failures; throughput across groups comes
 * from the adaptive number of requests in flight (InFlightLimit) instead.
 *
 * Each message is settled exactly once — delivered, discarded or parked — and the listener releases
 * its transaction then, which is what lets the ack watermark move past it. A group that keeps
 * failing moves out to the state store: see {@link Parking}.
 */

/**
 * The delivery state machine of one sink: which message goes next, in which batch, and what follows
 * each outcome. Not thread-safe: confined to the sink's worker thread. Holds no threads and does no
 * I/O, so tests drive it directly with a fake clock.
 */
final class Dispatcher {
  private final int maxBatchSize;
  private final int maxRequestBytes;
  private final InFlightLimit inFlightLimit;
  private final Integer maxRetryCount;
  private final Backoff backoff;
  private final Clock clock;
  private final DeliveryListener listener;
  private final GroupQueues queues = new GroupQueues();
  private final Parking parking;
  private int inFlight;

  Dispatcher(
      int maxBatchSize,
      int maxRequestBytes,
      InFlightLimit inFlightLimit,
      Integer maxRetryCount,
      long parkAfterNanos,
      Backoff backoff,
      Clock clock,
      DeliveryListener listener) {
    this.maxBatchSize = maxBatchSize;
    this.maxRequestBytes = maxRequestBytes;
    this.inFlightLimit = inFlightLimit;
    this.maxRetryCount = maxRetryCount;
    this.backoff = backoff;
    this.clock = clock;
    this.listener = listener;
    this.parking = new Parking(parkAfterNanos, clock, listener, queues);
  }

  /** The groups whose messages wait in the state store. */
  Parking parking() {
    return parking;
  }

  /** The messages held in memory, for the operator's views and the stats. */
  GroupQueues queues() {
    return queues;
  }

  /** The dispatcher's group of a message: its group key, or a group of its own. */
  static String groupOf(String groupKey, String idempotencyKey) {
    // U+0001, not NUL: the group is stored in a text column while parked, and PostgreSQL refuses
    // NUL.
    return groupKey != null ? groupKey : "\u0001" + idempotencyKey;
  }

  void add(OutboundMessage message) {
    Delivery delivery =
        new Delivery(message, groupOf(message.groupKey(), message.idempotencyKey()));
    if (!parking.takesArrival(delivery)) {
      queues.append(delivery);
    }
  }

  /** The batches to send now; each counts as in flight until {@link #onOutcomes}. */
  List<List<Delivery>> nextBatches() {
    queues.wakeDue(clock.nanoTime());
    List<List<Delivery>> batches = new ArrayList<>();
    long now = clock.nanoTime();
    while (inFlight < inFlightLimit.current() && queues.anyReady()) {
      List<Delivery> batch = nextBatch();
      if (!batch.isEmpty()) {
        batch.get(0).sentNanos = now;
        batches.add(batch);
        queues.sent(batch);
        inFlight++;
      }
    }
    if (queues.anyReady()) {
      inFlightLimit.blocked();
    }
    return batches;
  }

  private List<Delivery> nextBatch() {
    List<Delivery> batch = new ArrayList<>(maxBatchSize);
    int bytes = 0;
    int tries = queues.readyCount();
    while (batch.size() < maxBatchSize && tries-- > 0 && queues.anyReady()) {
      String group = queues.pollReady();
      Delivery head = queues.head(group);
      // A message over the limit goes alone, and the sink discards it: only the sink knows the
      // limit of the queue it is routed to.
      if (!batch.isEmpty() && bytes + head.message.sizeBytes() > maxRequestBytes) {
        queues.readyLast(group);
      } else {
        bytes += head.message.sizeBytes();
        batch.add(head);
      }
    }
    return batch;
  }

  /** Applies the sink's outcomes, one per delivery of a batch from {@link #nextBatches}. */
  void onOutcomes(List<Delivery> batch, List<Outcome> outcomes) {
    if (outcomes.size() != batch.size()) {
      throw new IllegalStateException(
          "sink returned " + outcomes.size() + " outcomes for " + batch.size() + " messages");
    }
    inFlight--;
    if (outcomes.stream().anyMatch(Outcome::throttled)) {
      inFlightLimit.throttled();
    } else {
      inFlightLimit.answered(clock.nanoTime() - batch.get(0).sentNanos);
    }
    queues.answered(batch);
    for (int i = 0; i < batch.size(); i++) {
      Delivery delivery = batch.get(i);
      Outcome outcome = outcomes.get(i);
      delivery.attempts++;
      switch (outcome.kind()) {
        case DELIVERED -> {
          delivery.sinkMessageId = outcome.messageId();
          delivery.s3Key = outcome.s3Key();
          settle(delivery, true, null);
        }
        case DISCARD -> settle(delivery, false, outcome.error());
        case RETRY -> retryOrGiveUp(delivery, outcome.error());
      }
    }
  }

  private void retryOrGiveUp(Delivery delivery, String error) {
    delivery.lastError = error;
    long now = clock.nanoTime();
    if (delivery.firstFailureNanos == 0) {
      delivery.firstFailureNanos = now;
    }
    if (maxRetryCount != null && delivery.attempts > maxRetryCount) {
      settle(delivery, false, "gave up after " + delivery.attempts + " attempts: " + error);
      return;
    }
    long delay = backoff.delayNanos(delivery.attempts);
    if (parking.failedTooLong(delivery, now)) {
      parking.park(delivery.group, now + delay);
      return;
    }
    queues.retryAt(delivery, clock.nanoTime() + delay);
    listener.willRetry(delivery, delay);
  }

  private void settle(Delivery delivery, boolean delivered, String reason) {
    if (queues.removeHead(delivery)) {
      parking.idle(delivery.group);
    }
    if (delivered) {
      listener.delivered(delivery);
    } else {
      delivery.lastError = reason;
      listener.discarded(delivery, reason);
    }
  }

  /** Makes a backing-off message due now; false when it is not backing off. */
  boolean retryNow(Delivery delivery) {
    if (!queues.stopWaiting(delivery)) {
      return false;
    }
    queues.retryAt(delivery, clock.nanoTime());
    return true;
  }

  /** Gives up on a backing-off message (an operator's discard); false when it is not waiting. */
  boolean discardWaiting(Delivery delivery, String reason) {
    if (!queues.stopWaiting(delivery)) {
      return false;
    }
    settle(delivery, false, reason);
    return true;
  }

  /** Nanoseconds until the earliest retry is due; {@code Long.MAX_VALUE} when none waits. */
  long nanosUntilNextRetry() {
    return queues.nanosUntilNextRetry(clock.nanoTime());
  }

  /** Nanoseconds until a retry or a parked group is due. */
  long nanosUntilNextWake() {
    return Math.min(nanosUntilNextRetry(), parking.nanosUntilDue());
  }

  /** Messages not yet settled, including those in flight and backing off. */
  int queued() {
    return queues.queued();
  }

  int inFlight() {
    return inFlight;
  }

  /** Requests that may be in flight now (see {@link InFlightLimit}). */
  int inFlightLimit() {
    return inFlightLimit.current();
  }

  int backingOff() {
    return queues.backingOffCount();
  }
}

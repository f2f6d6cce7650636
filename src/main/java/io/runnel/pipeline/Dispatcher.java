package io.runnel.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/*
 * Design: ordering within a group, parallelism across groups.
 *
 * Messages are queued per group key (the row's primary key or group columns). A group is either
 * "ready" (its head may be sent), "busy" (its head is in flight or waiting for a retry), or gone
 * (empty). A batch takes the heads of up to maxBatchSize ready groups, so no two messages of one
 * group are ever in flight together, and a group whose head backs off holds back everything
 * behind it while the other groups flow. A message without a group key gets a group of its own.
 *
 * Each message is settled exactly once — delivered or discarded — and the listener releases its
 * transaction then, which is what lets the ack watermark move past it.
 */

/**
 * The delivery state machine of one sink: which message goes next, in which batch, and what follows
 * each outcome. Not thread-safe: confined to the sink's worker thread. Holds no threads and does no
 * I/O, so tests drive it directly with a fake clock.
 */
final class Dispatcher {
  private final int maxBatchSize;
  private final int maxRequestBytes;
  private final int maxInFlight;
  private final Integer maxRetryCount;
  private final Backoff backoff;
  private final Clock clock;
  private final DeliveryListener listener;

  private final Map<String, ArrayDeque<Delivery>> groups = new HashMap<>();
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private final PriorityQueue<Delivery> backingOff =
      new PriorityQueue<>((a, b) -> Long.compare(a.nextAttemptNanos - b.nextAttemptNanos, 0));
  private final Set<Delivery> sending = new LinkedHashSet<>();
  private int inFlight;
  private int queued;

  Dispatcher(
      int maxBatchSize,
      int maxRequestBytes,
      int maxInFlight,
      Integer maxRetryCount,
      Backoff backoff,
      Clock clock,
      DeliveryListener listener) {
    this.maxBatchSize = maxBatchSize;
    this.maxRequestBytes = maxRequestBytes;
    this.maxInFlight = maxInFlight;
    this.maxRetryCount = maxRetryCount;
    this.backoff = backoff;
    this.clock = clock;
    this.listener = listener;
  }

  void add(OutboundMessage message) {
    String group =
        message.groupKey() != null ? message.groupKey() : "\0" + message.idempotencyKey();
    ArrayDeque<Delivery> queue = groups.get(group);
    if (queue == null) {
      queue = new ArrayDeque<>();
      groups.put(group, queue);
      ready.addLast(group);
    }
    queue.addLast(new Delivery(message, group));
    queued++;
  }

  /** The batches to send now; each counts as in flight until {@link #onOutcomes}. */
  List<List<Delivery>> nextBatches() {
    wakeDueRetries();
    List<List<Delivery>> batches = new ArrayList<>();
    while (inFlight < maxInFlight && !ready.isEmpty()) {
      List<Delivery> batch = nextBatch();
      if (!batch.isEmpty()) {
        batches.add(batch);
        sending.addAll(batch);
        inFlight++;
      }
    }
    return batches;
  }

  private List<Delivery> nextBatch() {
    List<Delivery> batch = new ArrayList<>(maxBatchSize);
    int bytes = 0;
    int tries = ready.size();
    while (batch.size() < maxBatchSize && tries-- > 0 && !ready.isEmpty()) {
      String group = ready.pollFirst();
      Delivery head = groups.get(group).peekFirst();
      if (head.message.sizeBytes() > maxRequestBytes) {
        settle(
            head,
            false,
            "message is "
                + head.message.sizeBytes()
                + " bytes, over the queue's limit of "
                + maxRequestBytes
                + " bytes");
      } else if (bytes + head.message.sizeBytes() > maxRequestBytes) {
        ready.addLast(group);
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
    batch.forEach(sending::remove);
    for (int i = 0; i < batch.size(); i++) {
      Delivery delivery = batch.get(i);
      Outcome outcome = outcomes.get(i);
      delivery.attempts++;
      switch (outcome.kind()) {
        case DELIVERED -> settle(delivery, true, null);
        case DISCARD -> settle(delivery, false, outcome.error());
        case RETRY -> retryOrGiveUp(delivery, outcome.error());
      }
    }
  }

  private void retryOrGiveUp(Delivery delivery, String error) {
    delivery.lastError = error;
    if (maxRetryCount != null && delivery.attempts > maxRetryCount) {
      settle(delivery, false, "gave up after " + delivery.attempts + " attempts: " + error);
      return;
    }
    long delay = backoff.delayNanos(delivery.attempts);
    delivery.nextAttemptNanos = clock.nanoTime() + delay;
    backingOff.add(delivery);
    listener.willRetry(delivery, delay);
  }

  private void settle(Delivery delivery, boolean delivered, String reason) {
    ArrayDeque<Delivery> queue = groups.get(delivery.group);
    if (queue.pollFirst() != delivery) {
      throw new IllegalStateException("settled " + delivery + " is not the head of its group");
    }
    queued--;
    if (queue.isEmpty()) {
      groups.remove(delivery.group);
    } else {
      ready.addLast(delivery.group);
    }
    if (delivered) {
      listener.delivered(delivery);
    } else {
      delivery.lastError = reason;
      listener.discarded(delivery, reason);
    }
  }

  private void wakeDueRetries() {
    long now = clock.nanoTime();
    while (!backingOff.isEmpty() && backingOff.peek().nextAttemptNanos - now <= 0) {
      ready.addFirst(backingOff.poll().group);
    }
  }

  /** Nanoseconds until the earliest retry is due; {@code Long.MAX_VALUE} when none waits. */
  long nanosUntilNextRetry() {
    return backingOff.isEmpty()
        ? Long.MAX_VALUE
        : Math.max(0, backingOff.peek().nextAttemptNanos - clock.nanoTime());
  }

  /** Messages not yet settled, including those in flight and backing off. */
  int queued() {
    return queued;
  }

  int inFlight() {
    return inFlight;
  }

  int backingOff() {
    return backingOff.size();
  }

  /** Messages in requests not yet answered, oldest first (a copy). */
  List<Delivery> sending() {
    return List.copyOf(sending);
  }

  /** Messages waiting for a retry, soonest first (a copy). */
  List<Delivery> waitingForRetry() {
    List<Delivery> waiting = new ArrayList<>(backingOff);
    waiting.sort((a, b) -> Long.compare(a.nextAttemptNanos - b.nextAttemptNanos, 0));
    return waiting;
  }
}

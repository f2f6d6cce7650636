package io.runnel.delivery;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import io.runnel.time.Clock;
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
 * Why not several messages of a group in one request (which DESIGN.md §5 would allow): when SQS
 * refuses one entry of a request it may still take the entries after it, and a later version of a
 * row would then reach the queue before an earlier one (OrderingIT fails that way). One message
 * per group per request keeps commit order under partial failures; throughput across groups comes
 * from the adaptive number of requests in flight (InFlightLimit) instead.
 *
 * Each message is settled exactly once — delivered, discarded or parked — and the listener releases
 * its transaction then, which is what lets the ack watermark move past it.
 *
 * Parking: when a group's head has kept failing for parkAfter, the head and everything queued
 * behind it go to the state store (durably, before release), and later messages of that group
 * follow them there on arrival. The group then sends its stored messages one at a time, oldest
 * first, with the usual backoff; once the store holds none, the group flows from memory again.
 * So a poisoned group never holds the slot back, and its order survives the detour.
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

  private final Map<String, ArrayDeque<Delivery>> groups = new HashMap<>();
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private final PriorityQueue<Delivery> backingOff =
      new PriorityQueue<>((a, b) -> Long.compare(a.nextAttemptNanos - b.nextAttemptNanos, 0));
  private final Set<Delivery> sending = new LinkedHashSet<>();
  private final ParkedGroups parked = new ParkedGroups();
  private final long parkAfterNanos;
  private int inFlight;
  private int queued;

  Dispatcher(
      int maxBatchSize,
      int maxRequestBytes,
      InFlightLimit inFlightLimit,
      Integer maxRetryCount,
      long parkAfterNanos,
      Backoff backoff,
      Clock clock,
      DeliveryListener listener) {
    this.parkAfterNanos = parkAfterNanos;
    this.maxBatchSize = maxBatchSize;
    this.maxRequestBytes = maxRequestBytes;
    this.inFlightLimit = inFlightLimit;
    this.maxRetryCount = maxRetryCount;
    this.backoff = backoff;
    this.clock = clock;
    this.listener = listener;
  }

  /** The dispatcher's group of a message: its group key, or a group of its own. */
  static String groupOf(String groupKey, String idempotencyKey) {
    // U+0001, not NUL: the group is stored in a text column while parked, and PostgreSQL refuses
    // NUL.
    return groupKey != null ? groupKey : "\u0001" + idempotencyKey;
  }

  void add(OutboundMessage message) {
    String group = groupOf(message.groupKey(), message.idempotencyKey());
    if (parked.contains(group)) {
      listener.parked(group, List.of(new Delivery(message, group)));
      return;
    }
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
    long now = clock.nanoTime();
    while (inFlight < inFlightLimit.current() && !ready.isEmpty()) {
      List<Delivery> batch = nextBatch();
      if (!batch.isEmpty()) {
        batch.get(0).sentNanos = now;
        batches.add(batch);
        sending.addAll(batch);
        inFlight++;
      }
    }
    if (!ready.isEmpty()) {
      inFlightLimit.blocked();
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
    if (outcomes.stream().anyMatch(Outcome::throttled)) {
      inFlightLimit.throttled();
    } else {
      inFlightLimit.answered(clock.nanoTime() - batch.get(0).sentNanos);
    }
    batch.forEach(sending::remove);
    for (int i = 0; i < batch.size(); i++) {
      Delivery delivery = batch.get(i);
      Outcome outcome = outcomes.get(i);
      delivery.attempts++;
      switch (outcome.kind()) {
        case DELIVERED -> {
          delivery.sinkMessageId = outcome.messageId();
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
    if (!delivery.fromStore && now - delivery.firstFailureNanos >= parkAfterNanos) {
      park(delivery.group, now + delay);
      return;
    }
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
      parked.idle(delivery.group, clock.nanoTime());
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

  /**
   * Moves a group — its failing head and everything queued behind it — out to the state store. None
   * of it is in flight: a group has one message in flight at most, the head, just answered.
   */
  private void park(String group, long resumeAtNanos) {
    ArrayDeque<Delivery> queue = groups.remove(group);
    ready.remove(group);
    queued -= queue.size();
    parked.park(group, resumeAtNanos);
    listener.parked(group, List.copyOf(queue));
  }

  /**
   * Memory is short: parks every group whose head is waiting for a retry, so its messages stop
   * holding buffer space (and the slot) while it waits.
   *
   * @return how many groups were parked
   */
  int parkBackingOff() {
    List<Delivery> waiting = new ArrayList<>();
    for (Delivery delivery : backingOff) {
      if (!delivery.fromStore) {
        waiting.add(delivery);
      }
    }
    for (Delivery delivery : waiting) {
      backingOff.remove(delivery);
      park(delivery.group, delivery.nextAttemptNanos);
    }
    return waiting.size();
  }

  /**
   * The sink is paused and memory is short: parks every group whose head is not in flight, so
   * nothing buffered for this sink holds the slot (or the other sinks on it) back.
   *
   * @return how many groups were parked
   */
  int parkAllWaiting() {
    List<String> waiting = new ArrayList<>();
    groups.forEach(
        (group, queue) -> {
          Delivery head = queue.peekFirst();
          if (!sending.contains(head) && !head.fromStore) {
            waiting.add(group);
          }
        });
    for (String group : waiting) {
      Delivery head = groups.get(group).peekFirst();
      backingOff.remove(head);
      long now = clock.nanoTime();
      park(group, head.nextAttemptNanos - now > 0 ? head.nextAttemptNanos : now);
    }
    return waiting.size();
  }

  /**
   * A stored message of {@code group} was put back for delivery (an operator's retry): a parked
   * group reaches it in its stored order; a group flowing from memory parks once its queue empties;
   * any other group parks now.
   */
  void enqueueStored(String group) {
    if (parked.contains(group)) {
      return;
    }
    if (groups.containsKey(group)) {
      parked.parkWhenIdle(group);
    } else {
      parked.park(group, clock.nanoTime());
    }
  }

  /** Sends a parked group's next stored message now, unless one of its messages is out already. */
  void retryParkedNow(String group) {
    ArrayDeque<Delivery> queue = groups.get(group);
    if (queue != null) {
      retryNow(queue.peekFirst());
    } else if (parked.contains(group)) {
      parked.park(group, clock.nanoTime());
    }
  }

  List<String> parkedGroupNames() {
    return parked.groups();
  }

  /**
   * When the oldest message held in memory committed, or null (each group's head is its oldest).
   */
  java.time.Instant oldestCommit() {
    java.time.Instant oldest = null;
    for (ArrayDeque<Delivery> queue : groups.values()) {
      java.time.Instant at = queue.peekFirst().message.commitTimestamp();
      if (at != null && (oldest == null || at.isBefore(oldest))) {
        oldest = at;
      }
    }
    return oldest;
  }

  /** The unsettled message with this key, or null: in flight, backing off, or queued. */
  Delivery find(String idempotencyKey) {
    for (ArrayDeque<Delivery> queue : groups.values()) {
      for (Delivery delivery : queue) {
        if (delivery.message.idempotencyKey().equals(idempotencyKey)) {
          return delivery;
        }
      }
    }
    return null;
  }

  boolean isSending(Delivery delivery) {
    return sending.contains(delivery);
  }

  /** Makes a backing-off message due now; false when it is not backing off. */
  boolean retryNow(Delivery delivery) {
    if (!backingOff.remove(delivery)) {
      return false;
    }
    delivery.nextAttemptNanos = clock.nanoTime();
    backingOff.add(delivery);
    return true;
  }

  /** Gives up on a backing-off message (an operator's discard); false when it is not waiting. */
  boolean discardWaiting(Delivery delivery, String reason) {
    if (!backingOff.remove(delivery)) {
      return false;
    }
    settle(delivery, false, reason);
    return true;
  }

  /** Groups that were parked when the sink last stopped: new messages queue behind them. */
  void restoreParked(java.util.Collection<String> groups) {
    parked.parkAll(groups, clock.nanoTime());
  }

  /** Parked groups due to send their oldest stored message (see {@link #redeliver}). */
  List<String> dueParkedGroups() {
    return parked.due(clock.nanoTime());
  }

  /** Sends a parked group's oldest stored message next, with its earlier attempts counted. */
  void redeliver(String group, OutboundMessage message, int attempts, String lastError) {
    Delivery delivery = new Delivery(message, group);
    delivery.fromStore = true;
    delivery.attempts = attempts;
    delivery.lastError = lastError;
    ArrayDeque<Delivery> queue = new ArrayDeque<>();
    queue.add(delivery);
    groups.put(group, queue);
    ready.addLast(group);
    queued++;
  }

  /** Tries a parked group again after {@code delayNanos} (the store could not be read). */
  void deferParked(String group, long delayNanos) {
    parked.park(group, clock.nanoTime() + delayNanos);
  }

  /** A parked group's stored message was settled: the next one is due now. */
  void resumeParked(String group) {
    parked.resume(group, clock.nanoTime());
  }

  /** The store holds nothing more for a parked group: new messages flow normally. */
  void unpark(String group) {
    parked.release(group);
  }

  int parkedGroups() {
    return parked.size();
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

  /** Nanoseconds until a retry or a parked group is due. */
  long nanosUntilNextWake() {
    return Math.min(nanosUntilNextRetry(), parked.nanosUntilDue(clock.nanoTime()));
  }

  /** Messages not yet settled, including those in flight and backing off. */
  int queued() {
    return queued;
  }

  int inFlight() {
    return inFlight;
  }

  /** Requests that may be in flight now (see {@link InFlightLimit}). */
  int inFlightLimit() {
    return inFlightLimit.current();
  }

  /** Messages in requests not yet answered. */
  int sendingCount() {
    return sending.size();
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

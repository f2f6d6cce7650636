package io.runnel.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The messages of one sink held in memory: a queue per group (its head first), the groups whose
 * head may go next, the heads waiting for a retry (soonest first) and the messages in requests not
 * yet answered. The {@link Dispatcher} sends and settles from here; {@link Parking} moves groups
 * out to the state store and back. Confined to the sink's worker thread.
 */
final class GroupQueues {
  private static final Comparator<Delivery> SOONEST =
      (a, b) -> Long.compare(a.nextAttemptNanos - b.nextAttemptNanos, 0);

  private final Map<String, ArrayDeque<Delivery>> groups = new HashMap<>();
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private final PriorityQueue<Delivery> backingOff = new PriorityQueue<>(SOONEST);
  private final Set<Delivery> sending = new LinkedHashSet<>();
  private int queued;

  /** Queues {@code delivery} behind the rest of its group; a new group is ready at once. */
  void append(Delivery delivery) {
    ArrayDeque<Delivery> queue = groups.get(delivery.group);
    if (queue == null) {
      queue = new ArrayDeque<>();
      groups.put(delivery.group, queue);
      ready.addLast(delivery.group);
    }
    queue.addLast(delivery);
    queued++;
  }

  /** Whether {@code group} has messages in memory (queued, in flight or backing off). */
  boolean has(String group) {
    return groups.containsKey(group);
  }

  /** The oldest message of {@code group} in memory, or null. */
  Delivery head(String group) {
    ArrayDeque<Delivery> queue = groups.get(group);
    return queue == null ? null : queue.peekFirst();
  }

  /** Each group's queue, head first (a read-only view). */
  Collection<ArrayDeque<Delivery>> all() {
    return Collections.unmodifiableCollection(groups.values());
  }

  boolean anyReady() {
    return !ready.isEmpty();
  }

  int readyCount() {
    return ready.size();
  }

  /** The next ready group, no longer ready; null when none is. */
  String pollReady() {
    return ready.pollFirst();
  }

  /** {@code group} may send its head again, after the groups ready before it. */
  void readyLast(String group) {
    ready.addLast(group);
  }

  /**
   * Removes a settled message, the head of its group; the rest of the group is ready.
   *
   * @return true when the group emptied and is gone from memory
   */
  boolean removeHead(Delivery delivery) {
    ArrayDeque<Delivery> queue = groups.get(delivery.group);
    if (queue.pollFirst() != delivery) {
      throw new IllegalStateException("settled " + delivery + " is not the head of its group");
    }
    queued--;
    if (queue.isEmpty()) {
      groups.remove(delivery.group);
      return true;
    }
    ready.addLast(delivery.group);
    return false;
  }

  /** Takes {@code group} out of memory, head first; its head no longer waits for a retry. */
  ArrayDeque<Delivery> take(String group) {
    ArrayDeque<Delivery> queue = groups.remove(group);
    ready.remove(group);
    backingOff.remove(queue.peekFirst());
    queued -= queue.size();
    return queue;
  }

  /** The head {@code delivery} waits for a retry until {@code atNanos}. */
  void retryAt(Delivery delivery, long atNanos) {
    delivery.nextAttemptNanos = atNanos;
    backingOff.add(delivery);
  }

  /** Stops {@code delivery} waiting for a retry; false when it was not waiting. */
  boolean stopWaiting(Delivery delivery) {
    return backingOff.remove(delivery);
  }

  /** Heads whose retry is due at {@code nowNanos} go first among the ready groups. */
  void wakeDue(long nowNanos) {
    while (!backingOff.isEmpty() && backingOff.peek().nextAttemptNanos - nowNanos <= 0) {
      ready.addFirst(backingOff.poll().group);
    }
  }

  /** Nanoseconds until the earliest retry is due; {@code Long.MAX_VALUE} when none waits. */
  long nanosUntilNextRetry(long nowNanos) {
    return backingOff.isEmpty()
        ? Long.MAX_VALUE
        : Math.max(0, backingOff.peek().nextAttemptNanos - nowNanos);
  }

  /** Messages waiting for a retry, soonest first (a copy). */
  List<Delivery> waitingForRetry() {
    List<Delivery> waiting = new ArrayList<>(backingOff);
    waiting.sort(SOONEST);
    return waiting;
  }

  int backingOffCount() {
    return backingOff.size();
  }

  void sent(List<Delivery> batch) {
    sending.addAll(batch);
  }

  void answered(List<Delivery> batch) {
    batch.forEach(sending::remove);
  }

  boolean isSending(Delivery delivery) {
    return sending.contains(delivery);
  }

  /** Messages in requests not yet answered, oldest first (a copy). */
  List<Delivery> sending() {
    return List.copyOf(sending);
  }

  int sendingCount() {
    return sending.size();
  }

  /** Messages not yet settled, including those in flight and backing off. */
  int queued() {
    return queued;
  }
}

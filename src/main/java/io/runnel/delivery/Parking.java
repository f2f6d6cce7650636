package io.runnel.delivery;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/*
 * Design: a poisoned group never holds the slot back, and its order survives the detour.
 *
 * When a group's head has kept failing for parkAfter (or waits for a retry while the sink's buffer
 * is full), the head and everything queued behind it go to the state store (durably, before
 * release), and later messages of that group follow them there on arrival. The group then sends
 * its stored messages one at a time, oldest first, with the usual backoff; once the store holds
 * none, the group flows from memory again.
 */

/**
 * The groups of one sink whose messages live in the state store: when a group parks, what happens
 * to its later arrivals, and when it may send its next stored message. A group stays parked until
 * the store holds none of its messages. Works on the {@link Dispatcher}'s {@link GroupQueues}.
 * Confined to the sink's worker thread.
 */
final class Parking {
  private static final long PAUSED_PARK_EVERY = TimeUnit.SECONDS.toNanos(1);

  private final long parkAfterNanos;
  private final Clock clock;
  private final DeliveryListener listener;
  private final GroupQueues queues;
  private final Set<String> parked = new HashSet<>();
  private final Map<String, Long> resumeAt = new HashMap<>();

  /** Groups flowing from memory that park once their queue empties (a stored message waits). */
  private final Set<String> parkWhenIdle = new HashSet<>();

  private long lastPausedParkNanos;

  Parking(long parkAfterNanos, Clock clock, DeliveryListener listener, GroupQueues queues) {
    this.parkAfterNanos = parkAfterNanos;
    this.clock = clock;
    this.listener = listener;
    this.queues = queues;
    this.lastPausedParkNanos = clock.nanoTime() - PAUSED_PARK_EVERY;
  }

  /** A group's head from memory has been failing for {@code parkAfter}: the group parks. */
  boolean failedTooLong(Delivery head, long nowNanos) {
    return !head.fromStore && nowNanos - head.firstFailureNanos >= parkAfterNanos;
  }

  /** Sends an arriving message of a parked group to the store, behind the group's stored ones. */
  boolean takesArrival(Delivery delivery) {
    if (!parked.contains(delivery.group)) {
      return false;
    }
    listener.parked(delivery.group, List.of(delivery));
    return true;
  }

  /**
   * Moves a group — its head and everything queued behind it — out to the state store; its oldest
   * stored message is due at {@code resumeAtNanos}. None of it is in flight: a group has one
   * message in flight at most, the head, and it is never parked while out.
   */
  void park(String group, long resumeAtNanos) {
    ArrayDeque<Delivery> queue = queues.take(group);
    markParked(group, resumeAtNanos);
    listener.parked(group, List.copyOf(queue));
  }

  /**
   * Memory is short: parks every group whose head from memory is waiting for a retry, so its
   * messages stop holding buffer space (and the slot) while it waits.
   *
   * @return how many groups were parked
   */
  int parkBackingOff() {
    List<Delivery> waiting = new ArrayList<>();
    for (Delivery head : queues.waitingForRetry()) {
      if (!head.fromStore) {
        waiting.add(head);
      }
    }
    waiting.forEach(head -> park(head.group, head.nextAttemptNanos));
    return waiting.size();
  }

  /**
   * The sink is paused and memory is short: parks every group whose head is not in flight, so
   * nothing buffered for this sink holds the slot (or the other sinks on it) back.
   *
   * @return how many groups were parked
   */
  int parkAllWaiting() {
    List<Delivery> waiting = new ArrayList<>();
    for (ArrayDeque<Delivery> queue : queues.all()) {
      Delivery head = queue.peekFirst();
      if (!queues.isSending(head) && !head.fromStore) {
        waiting.add(head);
      }
    }
    for (Delivery head : waiting) {
      long now = clock.nanoTime();
      park(head.group, head.nextAttemptNanos - now > 0 ? head.nextAttemptNanos : now);
    }
    return waiting.size();
  }

  /**
   * At most once a second while the sink is paused: parks every group not in flight (see {@link
   * #parkAllWaiting}), so the slot (and the WAL it retains) is not held back by a sink that sends
   * nothing.
   *
   * @return how many groups were parked
   */
  int parkWhilePaused() {
    long now = clock.nanoTime();
    if (now - lastPausedParkNanos < PAUSED_PARK_EVERY) {
      return 0;
    }
    lastPausedParkNanos = now;
    return parkAllWaiting();
  }

  /** Sends a parked group's oldest stored message next, with its earlier attempts counted. */
  void redeliver(String group, OutboundMessage message, int attempts, String lastError) {
    Delivery delivery = new Delivery(message, group);
    delivery.fromStore = true;
    delivery.attempts = attempts;
    delivery.lastError = lastError;
    queues.append(delivery);
  }

  private void markParked(String group, long resumeAtNanos) {
    parkWhenIdle.remove(group);
    parked.add(group);
    resumeAt.put(group, resumeAtNanos);
  }

  /** How many groups are parked. */
  int size() {
    return parked.size();
  }

  /** Every parked group (a copy). */
  List<String> groups() {
    return List.copyOf(parked);
  }

  /** Groups that were parked when the sink last stopped: new messages queue behind them. */
  void restore(Collection<String> groups) {
    long now = clock.nanoTime();
    groups.forEach(group -> markParked(group, now));
  }

  /**
   * A stored message of {@code group} was put back for delivery (an operator's retry): a parked
   * group reaches it in its stored order; a group flowing from memory parks once its queue empties;
   * any other group parks now.
   */
  void storedMessageQueued(String group) {
    if (parked.contains(group)) {
      return;
    }
    if (queues.has(group)) {
      parkWhenIdle.add(group);
    } else {
      markParked(group, clock.nanoTime());
    }
  }

  /** The group's queue in memory emptied: parks it now if a stored message waits for that. */
  void idle(String group) {
    if (parkWhenIdle.remove(group)) {
      markParked(group, clock.nanoTime());
    }
  }

  /** A parked group's stored message was settled: the next one is due now. */
  void resume(String group) {
    if (parked.contains(group)) {
      resumeAt.put(group, clock.nanoTime());
    }
  }

  /** Tries a parked group again after {@code delayNanos} (the store could not be read). */
  void defer(String group, long delayNanos) {
    markParked(group, clock.nanoTime() + delayNanos);
  }

  /** The store holds nothing more for {@code group}: its messages flow normally again. */
  void release(String group) {
    parked.remove(group);
    resumeAt.remove(group);
  }

  /**
   * Parked groups due to send their oldest stored message (see {@link #redeliver}); each is
   * returned once per {@link #resume}.
   */
  List<String> due() {
    long now = clock.nanoTime();
    List<String> due = new ArrayList<>();
    resumeAt.forEach(
        (group, at) -> {
          if (at - now <= 0) {
            due.add(group);
          }
        });
    due.forEach(resumeAt::remove);
    return due;
  }

  /** Nanoseconds until a parked group is due; {@code Long.MAX_VALUE} when none waits. */
  long nanosUntilDue() {
    long now = clock.nanoTime();
    long next = Long.MAX_VALUE;
    for (long at : resumeAt.values()) {
      next = Math.min(next, Math.max(0, at - now));
    }
    return next;
  }
}

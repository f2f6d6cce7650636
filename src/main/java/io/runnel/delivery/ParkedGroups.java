package io.runnel.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups whose messages live in the state store, and when each may send its next stored
 * message. A group stays parked until the store holds none of its messages. Confined to the
 * dispatcher's thread.
 */
final class ParkedGroups {
  private final Map<String, Long> resumeAt = new HashMap<>();
  private final java.util.Set<String> parked = new java.util.HashSet<>();

  /** Groups flowing from memory that park once their queue empties (a stored message waits). */
  private final java.util.Set<String> parkWhenIdle = new java.util.HashSet<>();

  boolean contains(String group) {
    return parked.contains(group);
  }

  int size() {
    return parked.size();
  }

  /** Parks {@code group}; its oldest stored message is due at {@code resumeAtNanos}. */
  void park(String group, long resumeAtNanos) {
    parkWhenIdle.remove(group);
    parked.add(group);
    resumeAt.put(group, resumeAtNanos);
  }

  void parkAll(Collection<String> groups, long resumeAtNanos) {
    groups.forEach(group -> park(group, resumeAtNanos));
  }

  /** The group's next stored message is due now (its previous one was settled). */
  void resume(String group, long nowNanos) {
    if (parked.contains(group)) {
      resumeAt.put(group, nowNanos);
    }
  }

  /** {@code group} has a stored message to send once its queue in memory is empty. */
  void parkWhenIdle(String group) {
    parkWhenIdle.add(group);
  }

  /** The group's queue in memory emptied: parks it now if a stored message waits for that. */
  void idle(String group, long nowNanos) {
    if (parkWhenIdle.remove(group)) {
      park(group, nowNanos);
    }
  }

  /** Every parked group (a copy). */
  List<String> groups() {
    return List.copyOf(parked);
  }

  /** The store holds nothing more for {@code group}: its messages flow normally again. */
  void release(String group) {
    parked.remove(group);
    resumeAt.remove(group);
  }

  /** Groups due for their next stored message; each is returned once per {@link #resume}. */
  List<String> due(long nowNanos) {
    List<String> due = new ArrayList<>();
    resumeAt.forEach(
        (group, at) -> {
          if (at - nowNanos <= 0) {
            due.add(group);
          }
        });
    due.forEach(resumeAt::remove);
    return due;
  }

  /** Nanoseconds until a parked group is due; {@code Long.MAX_VALUE} when none waits. */
  long nanosUntilDue(long nowNanos) {
    long next = Long.MAX_VALUE;
    for (long at : resumeAt.values()) {
      next = Math.min(next, Math.max(0, at - nowNanos));
    }
    return next;
  }
}

package io.runnel.delivery;

import io.runnel.state.StateStore;
import io.runnel.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a sink's {@link SinkStats#oldestUndeliveredAgeSeconds} current: the oldest commit among the
 * messages in memory (at most once a second) and among the parked ones (every few seconds, as that
 * queries the state store). Confined to the sink's worker thread.
 */
final class OldestUndelivered {
  private static final Logger log = LoggerFactory.getLogger(OldestUndelivered.class);
  private static final long MEMORY_EVERY = TimeUnit.SECONDS.toNanos(1);
  private static final long STORE_EVERY = TimeUnit.SECONDS.toNanos(5);

  private final String sinkName;
  private final StateStore store;
  private final Clock clock;
  private final SinkStats stats;
  private long lastCheckNanos;
  private long lastStoreCheckNanos;
  private Instant oldestParked;

  OldestUndelivered(String sinkName, StateStore store, Clock clock, SinkStats stats) {
    this.sinkName = sinkName;
    this.store = store;
    this.clock = clock;
    this.stats = stats;
    this.lastCheckNanos = clock.nanoTime() - STORE_EVERY;
    this.lastStoreCheckNanos = lastCheckNanos;
  }

  /** Called on every turn of the worker loop; cheap unless a check is due. */
  void update(Dispatcher dispatcher) {
    if (dispatcher.queued() == 0 && dispatcher.parking().size() == 0) {
      stats.recordOldestUndelivered(null);
      return;
    }
    long now = clock.nanoTime();
    if (now - lastCheckNanos < MEMORY_EVERY) {
      return;
    }
    lastCheckNanos = now;
    if (dispatcher.parking().size() == 0) {
      oldestParked = null;
    } else if (now - lastStoreCheckNanos >= STORE_EVERY) {
      lastStoreCheckNanos = now;
      try {
        oldestParked = store.oldestParkedCommit(sinkName);
      } catch (RuntimeException e) {
        log.debug("sink={} cannot read the oldest parked message: {}", sinkName, e.getMessage());
      }
    }
    Instant oldest = oldestInMemory(dispatcher.queues());
    if (oldestParked != null && (oldest == null || oldestParked.isBefore(oldest))) {
      oldest = oldestParked;
    }
    stats.recordOldestUndelivered(oldest);
  }

  /**
   * When the oldest message held in memory committed, or null (each group's head is its oldest).
   */
  private static Instant oldestInMemory(GroupQueues queues) {
    Instant oldest = null;
    for (ArrayDeque<Delivery> queue : queues.all()) {
      Instant at = queue.peekFirst().message.commitTimestamp();
      if (at != null && (oldest == null || at.isBefore(oldest))) {
        oldest = at;
      }
    }
    return oldest;
  }
}

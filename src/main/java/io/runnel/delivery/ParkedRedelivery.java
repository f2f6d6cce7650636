package io.runnel.delivery;

import io.runnel.state.StateStore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state store's side of {@link Parking}: the groups parked when the sink last stopped, and each
 * due group's oldest stored message put back in line, one at a time, until the store holds none of
 * the group. Confined to the sink's worker thread; the store calls block.
 */
final class ParkedRedelivery {
  private static final Logger log = LoggerFactory.getLogger(ParkedRedelivery.class);

  private final String sinkName;
  private final StateStore store;
  private final Parking parking;
  private final SinkStats stats;

  ParkedRedelivery(String sinkName, StateStore store, Parking parking, SinkStats stats) {
    this.sinkName = sinkName;
    this.store = store;
    this.parking = parking;
    this.stats = stats;
  }

  /** Groups parked in the store wait for their stored messages before new ones flow. */
  void restore() {
    parking.restore(store.parkedGroups(sinkName));
  }

  /** Puts the oldest stored message of every due parked group back in line. */
  void redeliverDue() {
    parking.due().forEach(this::redeliver);
  }

  /** Puts a parked group's oldest stored message back in line, or unparks an emptied group. */
  private void redeliver(String group) {
    try {
      store
          .oldestParked(sinkName, group)
          .ifPresentOrElse(
              stored ->
                  parking.redeliver(
                      group,
                      StoreWriter.outbound(stored),
                      stored.deliverCount(),
                      stored.lastError()),
              () -> {
                parking.release(group);
                log.info(
                    "sink={} group is no longer parked: its stored messages are delivered",
                    sinkName);
              });
    } catch (RuntimeException e) {
      stats.recordFailedAttempt(e.getMessage());
      log.warn(
          "sink={} cannot read parked messages (will try again): {}", sinkName, e.getMessage());
      parking.defer(group, TimeUnit.SECONDS.toNanos(5));
    }
  }
}

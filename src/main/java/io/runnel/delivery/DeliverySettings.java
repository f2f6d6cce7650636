package io.runnel.delivery;

/**
 * Bounds of one sink's delivery engine.
 *
 * @param maxBuffered most unsettled messages held in memory
 * @param maxBufferedBytes most unsettled body bytes held in memory
 * @param maxInFlightBatches requests outstanding at once to start with, and the least the adaptive
 *     limit goes down to (it grows while round trips stay flat; see {@code InFlightLimit})
 * @param maxRetryCount attempts before a failing message is discarded; null retries forever
 * @param parkAfter how long a group's head may keep failing before the group is parked in the state
 *     store, so the slot can advance past it
 * @param undeliveredAgeLimit how old the oldest undelivered message may get before /health reports
 *     the sink as stalled
 */
public record DeliverySettings(
    int maxBuffered,
    int maxBufferedBytes,
    int maxInFlightBatches,
    Integer maxRetryCount,
    java.time.Duration parkAfter,
    java.time.Duration undeliveredAgeLimit) {
  public static final java.time.Duration DEFAULT_PARK_AFTER = java.time.Duration.ofMinutes(1);
  public static final java.time.Duration DEFAULT_UNDELIVERED_AGE_LIMIT =
      java.time.Duration.ofMinutes(5);

  public static final int DEFAULT_MAX_BUFFERED = 10_000;
  public static final int DEFAULT_MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT_BATCHES = 16;

  public static DeliverySettings defaults(Integer maxRetryCount) {
    return new DeliverySettings(
        DEFAULT_MAX_BUFFERED,
        DEFAULT_MAX_BUFFERED_BYTES,
        DEFAULT_MAX_IN_FLIGHT_BATCHES,
        maxRetryCount,
        DEFAULT_PARK_AFTER,
        DEFAULT_UNDELIVERED_AGE_LIMIT);
  }

  /** The same settings, parking a group whose head has failed for {@code parkAfter}. */
  public DeliverySettings withParkAfter(java.time.Duration parkAfter) {
    return new DeliverySettings(
        maxBuffered,
        maxBufferedBytes,
        maxInFlightBatches,
        maxRetryCount,
        parkAfter,
        undeliveredAgeLimit);
  }

  /** The same settings, with /health's limit on the oldest undelivered message's age. */
  public DeliverySettings withUndeliveredAgeLimit(java.time.Duration limit) {
    return new DeliverySettings(
        maxBuffered, maxBufferedBytes, maxInFlightBatches, maxRetryCount, parkAfter, limit);
  }
}

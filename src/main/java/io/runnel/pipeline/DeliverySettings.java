package io.runnel.pipeline;

/**
 * Bounds of one sink's delivery engine.
 *
 * @param maxBuffered most unsettled messages held in memory
 * @param maxBufferedBytes most unsettled body bytes held in memory
 * @param maxInFlightBatches most requests outstanding at once
 * @param maxRetryCount attempts before a failing message is discarded; null retries forever
 */
public record DeliverySettings(
    int maxBuffered, int maxBufferedBytes, int maxInFlightBatches, Integer maxRetryCount) {
  public static final int DEFAULT_MAX_BUFFERED = 10_000;
  public static final int DEFAULT_MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT_BATCHES = 16;

  public static DeliverySettings defaults(Integer maxRetryCount) {
    return new DeliverySettings(
        DEFAULT_MAX_BUFFERED,
        DEFAULT_MAX_BUFFERED_BYTES,
        DEFAULT_MAX_IN_FLIGHT_BATCHES,
        maxRetryCount);
  }
}

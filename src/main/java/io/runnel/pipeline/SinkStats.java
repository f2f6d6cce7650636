package io.runnel.pipeline;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one sink, for /health, the API and logs. Thread-safe. */
public final class SinkStats {
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong discarded = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicReference<LastError> lastError = new AtomicReference<>();
  private volatile int buffered;
  private volatile int backingOff;

  /** The most recent failure, with when it happened. */
  public record LastError(String message, Instant at) {}

  void recordDelivered() {
    delivered.incrementAndGet();
  }

  void recordDiscarded(String reason) {
    discarded.incrementAndGet();
    lastError.set(new LastError(reason, Instant.now()));
  }

  void recordFailedAttempt(String error) {
    failedAttempts.incrementAndGet();
    lastError.set(new LastError(error, Instant.now()));
  }

  void recordQueue(int buffered, int backingOff) {
    this.buffered = buffered;
    this.backingOff = backingOff;
  }

  public long delivered() {
    return delivered.get();
  }

  public long discarded() {
    return discarded.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** Messages accepted from the source and not yet settled. */
  public int buffered() {
    return buffered;
  }

  public int backingOff() {
    return backingOff;
  }

  /** Null when nothing has failed yet. */
  public LastError lastError() {
    return lastError.get();
  }
}

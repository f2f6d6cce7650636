package io.runnel.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Retry delay after the n-th failed attempt: 1 s × 2^(n−1), ±15% jitter, capped at 3 minutes (the
 * seed's "roughly 3 minutes"). Thread-safe when its random source is.
 */
final class Backoff {
  static final Duration BASE = Duration.ofSeconds(1);
  static final Duration CAP = Duration.ofMinutes(3);
  static final double JITTER = 0.15;

  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1)
   */
  Backoff(DoubleSupplier random) {
    this.random = random;
  }

  static Backoff withRandomJitter() {
    return new Backoff(() -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
  }

  long delayNanos(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be ≥ 1 (was " + failedAttempts + ")");
    }
    double base = BASE.toNanos() * Math.pow(2, Math.min(failedAttempts - 1, 30));
    double capped = Math.min(base, CAP.toNanos());
    double jitter = 1 + JITTER * (2 * random.getAsDouble() - 1);
    return (long) (capped * jitter);
  }
}

package io.runnel.time;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Time as Runnel reads it, after Caffeine's {@code Ticker}: {@link #nanoTime} for elapsed time
 * (deadlines, backoff, rates) and {@link #instant} for the wall clock (timestamps shown or stored).
 * Injected everywhere main code reads time, so tests advance a fake instead of sleeping; {@link
 * #system} is the only place that reads the system clock.
 *
 * <p>An {@link InstantSource}, so {@code withZone} gives the {@link java.time.Clock} a library asks
 * for (the AWS request signer). Implementations are thread-safe.
 */
public interface Clock extends InstantSource {
  /** Monotonic nanoseconds, as {@link System#nanoTime()}: only differences mean anything. */
  long nanoTime();

  /** The current wall-clock instant, as {@link Instant#now()}. */
  @Override
  Instant instant();

  /** The system's clocks. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}

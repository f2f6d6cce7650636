package io.runnel.time;

import java.time.Duration;
import java.time.Instant;

/** A clock tests move by hand: {@link #advance} moves the monotonic and the wall clock together. */
public final class FakeClock implements Clock {
  private long nanos = 1_000_000_000L;
  private Instant instant = Instant.parse("2026-01-01T00:00:00Z");

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized Instant instant() {
    return instant;
  }

  public synchronized void advance(Duration duration) {
    nanos += duration.toNanos();
    instant = instant.plus(duration);
  }
}

package io.runnel.time;

import java.time.Duration;

/** A clock tests move by hand. */
public final class FakeClock implements Clock {
  private long now = 1_000_000_000L;

  @Override
  public long nanoTime() {
    return now;
  }

  public void advance(Duration duration) {
    now += duration.toNanos();
  }
}

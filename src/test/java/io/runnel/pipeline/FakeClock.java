package io.runnel.pipeline;

import java.time.Duration;

/** A clock tests move by hand. */
final class FakeClock implements Clock {
  private long now = 1_000_000_000L;

  @Override
  public long nanoTime() {
    return now;
  }

  void advance(Duration duration) {
    now += duration.toNanos();
  }
}

package io.runnel.time;

import java.time.Instant;

/** The system's monotonic and wall clocks: the one place Runnel reads them. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }
}

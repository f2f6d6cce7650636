package io.runnel.time;

/** Time for the delivery engine, injected so tests advance it instead of sleeping. */
public interface Clock {
  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  static Clock system() {
    return System::nanoTime;
  }
}

package io.runnel.delivery;

import io.runnel.time.Clock;
import java.util.concurrent.TimeUnit;

/*
 * Design: enough requests in flight to fill the path to SQS, and no more.
 *
 * A sink needs rate × round trip ÷ batch size requests in flight: on loopback a handful, 20 ms
 * from SQS several dozen. Neither is known in advance, so the limit adapts, window by window
 * (a window lasts two round trips, at least 50 ms):
 *
 *  - grow by a quarter when the limit held back ready batches during the window (demand exceeds
 *    it) and the round trip stayed flat (within 1.5× the lowest seen, plus 2 ms of scheduling
 *    noise) — more requests then mean more throughput, as the path is not yet full;
 *  - shrink by a tenth when the round trip rose past 2× the lowest: requests are queueing at the
 *    server, so more of them only add latency;
 *  - otherwise hold.
 *
 * Throttling is a stronger signal than a slow round trip: SQS said outright to slow down. It halves
 * the limit at once, at most once per window (the requests already in flight were sent before the
 * news and come back throttled together), and may take it below the floor, down to one request.
 * Once answers flow again, a limit below the floor grows back whenever ready batches wait, whatever
 * the round trip (the floor is what the sink was configured to run at); above it, the usual rule.
 *
 * The limit stays between a floor (the configured in-flight count, 16 by default) and a ceiling
 * from the sink's memory bound (the buffer holds at most that many full batches). The lowest round
 * trip slowly forgets (it creeps 1/64 of the gap towards each window's average), so a path that
 * got slower for good is not mistaken for queueing forever.
 */

/**
 * The adaptive limit on one sink's requests in flight (AIMD on round-trip time). Not thread-safe:
 * confined to the sink's worker thread, like the {@link Dispatcher} that asks it.
 */
final class InFlightLimit {
  private static final long MIN_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long NOISE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final int floor;
  private final int ceiling;
  private final Clock clock;
  private double limit;

  private long windowStart;
  private long windowRttSum;
  private int windowAnswers;
  private boolean windowBlocked;
  private long lowestRtt = Long.MAX_VALUE;
  private long lastThrottleNanos = Long.MIN_VALUE;

  InFlightLimit(int floor, int ceiling, Clock clock) {
    if (floor < 1 || ceiling < floor) {
      throw new IllegalArgumentException(
          "in-flight limit needs 1 <= floor <= ceiling, got floor="
              + floor
              + " ceiling="
              + ceiling);
    }
    this.floor = floor;
    this.ceiling = ceiling;
    this.clock = clock;
    this.limit = floor;
    this.windowStart = clock.nanoTime();
  }

  /** A limit that never moves (tests of the dispatcher's other rules). */
  static InFlightLimit fixed(int limit, Clock clock) {
    return new InFlightLimit(limit, limit, clock);
  }

  /** The limit for a sink: from {@code floor} up to as many full batches as its buffer holds. */
  static InFlightLimit forSink(int floor, int maxBuffered, int maxBatchSize, Clock clock) {
    int ceiling = Math.max(floor, Math.min(256, maxBuffered / Math.max(1, maxBatchSize)));
    return new InFlightLimit(floor, ceiling, clock);
  }

  /** Requests that may be in flight now. */
  int current() {
    return (int) limit;
  }

  /** Ready messages waited because the limit was reached. */
  void blocked() {
    windowBlocked = true;
  }

  /**
   * A request was throttled: halves the limit (not below one), unless it was already halved within
   * the current window.
   */
  void throttled() {
    long now = clock.nanoTime();
    if (lastThrottleNanos != Long.MIN_VALUE && now - lastThrottleNanos < windowNanos()) {
      return;
    }
    lastThrottleNanos = now;
    limit = Math.max(1, Math.floor(limit / 2));
    windowStart = now;
    windowRttSum = 0;
    windowAnswers = 0;
    windowBlocked = false;
  }

  private long windowNanos() {
    return lowestRtt == Long.MAX_VALUE
        ? MIN_WINDOW_NANOS
        : Math.max(MIN_WINDOW_NANOS, 2 * lowestRtt);
  }

  /** A request was answered after {@code rttNanos}; may close the window and move the limit. */
  void answered(long rttNanos) {
    windowRttSum += Math.max(0, rttNanos);
    windowAnswers++;
    long now = clock.nanoTime();
    long elapsed = now - windowStart;
    long average = windowRttSum / windowAnswers;
    if (elapsed < Math.max(MIN_WINDOW_NANOS, 2 * average)) {
      return;
    }
    adjust(average);
    windowStart = now;
    windowRttSum = 0;
    windowAnswers = 0;
    windowBlocked = false;
  }

  private void adjust(long averageRtt) {
    if (lowestRtt == Long.MAX_VALUE || averageRtt < lowestRtt) {
      lowestRtt = averageRtt;
    } else {
      lowestRtt += (averageRtt - lowestRtt) / 64;
    }
    boolean flat = averageRtt <= lowestRtt * 3 / 2 + NOISE_NANOS;
    if (windowBlocked && (flat || limit < floor)) {
      limit = Math.min(ceiling, limit + Math.max(1, limit / 4));
    } else if (averageRtt > 2 * lowestRtt + NOISE_NANOS) {
      limit = Math.max(Math.min(floor, limit), limit * 0.9);
    }
  }

  @Override
  public String toString() {
    return "InFlightLimit[limit="
        + current()
        + ", floor="
        + floor
        + ", ceiling="
        + ceiling
        + ", lowestRttMs="
        + (lowestRtt == Long.MAX_VALUE ? "-" : TimeUnit.NANOSECONDS.toMillis(lowestRtt))
        + "]";
  }
}

package io.runnel.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a slot's replication lag keeps growing: samples taken at least {@link #SPACING_MILLIS}
 * apart, judged over the last {@link #WINDOW_MILLIS}. A lag that rose at every sample across the
 * whole window, by at least {@link #MIN_GROWTH_BYTES}, means the slot is not keeping up. A healthy
 * slot's lag goes up and down as it is acknowledged. Thread-safe (synchronized).
 */
final class LagTrend {
  static final long SPACING_MILLIS = 10_000;
  static final long WINDOW_MILLIS = 5 * 60_000;
  static final long MIN_GROWTH_BYTES = 16L * 1024 * 1024;

  private record Sample(long atMillis, long lagBytes) {}

  private final List<Sample> samples = new ArrayList<>();

  /** Records the lag now, if the last sample is old enough; an unknown lag (null) is skipped. */
  synchronized void record(long nowMillis, Long lagBytes) {
    if (lagBytes == null) {
      return;
    }
    if (!samples.isEmpty() && nowMillis - samples.getLast().atMillis() < SPACING_MILLIS) {
      return;
    }
    samples.add(new Sample(nowMillis, lagBytes));
    while (samples.size() > 2 && nowMillis - samples.get(1).atMillis() >= WINDOW_MILLIS) {
      samples.removeFirst();
    }
  }

  /** Why the lag is a problem, or null. */
  synchronized String problem() {
    if (samples.isEmpty()
        || samples.getLast().atMillis() - samples.getFirst().atMillis() < WINDOW_MILLIS) {
      return null;
    }
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i).lagBytes() <= samples.get(i - 1).lagBytes()) {
        return null;
      }
    }
    Sample first = samples.getFirst();
    Sample last = samples.getLast();
    long growth = last.lagBytes() - first.lagBytes();
    if (growth < MIN_GROWTH_BYTES) {
      return null;
    }
    return "replication lag grew by "
        + growth
        + " bytes over "
        + (last.atMillis() - first.atMillis()) / 1000
        + " s, to "
        + last.lagBytes()
        + " bytes";
  }
}

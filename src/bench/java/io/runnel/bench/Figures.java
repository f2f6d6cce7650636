package io.runnel.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named {@link Samples} of one workload (or one latency run), in the order measured, and the CPU
 * profiles of its profiled runs by run kind ({@code std}, {@code null}). Not thread-safe.
 */
final class Figures {
  private final Map<String, Samples> samples = new LinkedHashMap<>();
  private final Map<String, StageProfile> profiles = new LinkedHashMap<>();

  void add(String figure, double value) {
    samples.computeIfAbsent(figure, f -> new Samples()).add(value);
  }

  /** Adds {@code cpuNanos / count} in microseconds per item. */
  void addCpu(String figure, long cpuNanos, long count) {
    if (count > 0) {
      add(figure, cpuNanos / 1000.0 / count);
    }
  }

  Samples get(String figure) {
    return samples.getOrDefault(figure, new Samples());
  }

  Map<String, Samples> all() {
    return samples;
  }

  /** Adds one profiled run of {@code kind} to that kind's profile. */
  void addProfile(String kind, StageProfile profile) {
    profiles.merge(kind, profile, StageProfile::plus);
  }

  /** Profiles by run kind, each summed over its runs. */
  Map<String, StageProfile> profiles() {
    return profiles;
  }
}

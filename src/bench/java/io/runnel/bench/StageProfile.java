package io.runnel.bench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Runnel's CPU over profiled runs, split by {@link Stage} and by leaf method, with the messages
 * delivered in them; profiles of several runs add up. Immutable.
 *
 * @param samples the JFR samples counted (waiting native samples excluded)
 * @param jvmGcNanos the part of {@link Stage#JVM} spent in GC threads and the VM thread
 * @param jvmJitNanos the part of {@link Stage#JVM} spent in JIT compiler threads
 */
record StageProfile(
    long messages,
    long processCpuNanos,
    Map<Stage, Long> stageNanos,
    Map<String, Long> leafNanos,
    long samples,
    long jvmGcNanos,
    long jvmJitNanos) {

  StageProfile {
    stageNanos = Collections.unmodifiableMap(new EnumMap<>(withStages(stageNanos)));
    leafNanos = Map.copyOf(leafNanos);
  }

  StageProfile plus(StageProfile other) {
    Map<Stage, Long> stages = new EnumMap<>(withStages(stageNanos));
    other.stageNanos.forEach((s, n) -> stages.merge(s, n, Long::sum));
    Map<String, Long> leaves = new HashMap<>(leafNanos);
    other.leafNanos.forEach((l, n) -> leaves.merge(l, n, Long::sum));
    return new StageProfile(
        messages + other.messages,
        processCpuNanos + other.processCpuNanos,
        stages,
        leaves,
        samples + other.samples,
        jvmGcNanos + other.jvmGcNanos,
        jvmJitNanos + other.jvmJitNanos);
  }

  /** The same profile with the JVM row's GC and JIT parts. */
  StageProfile withJvmSplit(long gcNanos, long jitNanos) {
    return new StageProfile(
        messages, processCpuNanos, stageNanos, leafNanos, samples, gcNanos, jitNanos);
  }

  /** Microseconds of CPU per delivered message in {@code stage}. */
  double micros(Stage stage) {
    return micros(stageNanos.getOrDefault(stage, 0L));
  }

  /** {@code nanos} of CPU per delivered message, in microseconds. */
  double micros(long nanos) {
    return messages == 0 ? Double.NaN : nanos / 1000.0 / messages;
  }

  double totalMicros() {
    return messages == 0 ? Double.NaN : processCpuNanos / 1000.0 / messages;
  }

  /** Share of the process's CPU, 0–100. */
  double percent(long nanos) {
    return processCpuNanos == 0 ? 0 : 100.0 * nanos / processCpuNanos;
  }

  private static Map<Stage, Long> withStages(Map<Stage, Long> given) {
    Map<Stage, Long> all = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      all.put(stage, given.getOrDefault(stage, 0L));
    }
    return all;
  }
}

package io.runnel.bench;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Splits measured CPU time by stage: each thread's CPU (ThreadMXBean) is divided among stages in
 * proportion to that thread's samples, so {@code stage CPU = Σ over threads of threadCpu × (samples
 * of the thread in the stage ÷ samples of the thread)}; a thread without samples goes whole to the
 * stage its name says ({@link StageRules#byThread}); the process's CPU ({@code /proc}) beyond all
 * Java threads' is {@link Stage#JVM} (GC, JIT compilers, JFR's sampler). Leaf methods are weighted
 * the same way. Stateless; thread-safe.
 */
final class CpuAttribution {
  /** CPU time of one Java thread over the profiled interval. */
  record ThreadCpuTime(String name, long nanos) {}

  private CpuAttribution() {}

  /**
   * @param samples by thread key (as in {@code cpu}: thread id, or one key for virtual threads)
   * @param cpu by the same keys
   */
  static StageProfile attribute(
      Map<Long, ThreadSamples> samples,
      Map<Long, ThreadCpuTime> cpu,
      long processCpuNanos,
      long messages) {
    Map<Stage, Long> stages = new EnumMap<>(Stage.class);
    Map<String, Long> leaves = new HashMap<>();
    long javaNanos = 0;
    long counted = 0;
    for (Map.Entry<Long, ThreadCpuTime> entry : cpu.entrySet()) {
      ThreadCpuTime thread = entry.getValue();
      javaNanos += thread.nanos();
      ThreadSamples sampled = samples.get(entry.getKey());
      if (sampled == null || sampled.total == 0) {
        stages.merge(StageRules.byThread(thread.name()), thread.nanos(), Long::sum);
        leaves.merge(
            "(no samples) thread " + thread.name().replaceAll("[0-9]+", "#"),
            thread.nanos(),
            Long::sum);
        continue;
      }
      counted += sampled.total;
      sampled.byStage.forEach(
          (stage, n) -> stages.merge(stage, share(thread.nanos(), n, sampled.total), Long::sum));
      sampled.byLeaf.forEach(
          (leaf, n) -> leaves.merge(leaf, share(thread.nanos(), n, sampled.total), Long::sum));
    }
    stages.merge(Stage.JVM, Math.max(0, processCpuNanos - javaNanos), Long::sum);
    return new StageProfile(
        messages, Math.max(processCpuNanos, javaNanos), stages, leaves, counted, 0, 0);
  }

  private static long share(long nanos, long part, long whole) {
    return Math.round((double) nanos * part / whole);
  }
}

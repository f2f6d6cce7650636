package io.runnel.bench;

import java.util.List;

/**
 * How much the benchmark measures.
 *
 * @param runs measured runs per figure (the median and min–max are reported)
 * @param changes changes of each multi-transaction workload
 * @param bigTransaction rows of the one-transaction workload
 * @param warmupChanges changes drained (null sink, then SQS) to warm the JIT before measuring
 * @param ceilingSeconds length of one SQS-ceiling run
 * @param endToEndSeconds most time one end-to-end run may take
 * @param latencySeconds measured length of the 1,000 changes/s run
 * @param soakSeconds length of the optional steady run watching memory (0: none)
 * @param workloads names of the workloads to run (empty: all)
 */
record BenchOptions(
    int runs,
    int changes,
    int bigTransaction,
    int warmupChanges,
    double ceilingSeconds,
    double endToEndSeconds,
    int latencySeconds,
    int soakSeconds,
    List<String> workloads) {

  static BenchOptions standard() {
    return new BenchOptions(3, 200_000, 1_000_000, 100_000, 4, 10, 30, 0, List.of());
  }

  static BenchOptions quick() {
    return new BenchOptions(3, 30_000, 150_000, 30_000, 2, 4, 10, 0, List.of());
  }

  /** The smoke test's: one run of everything on a tiny workload. */
  static BenchOptions tiny() {
    return new BenchOptions(1, 1_000, 2_000, 1_000, 0.5, 5, 2, 0, List.of("inserts"));
  }

  List<Workload> selectedWorkloads() {
    return List.of(
            Workload.inserts(changes),
            Workload.mixed(changes),
            Workload.wide(changes),
            Workload.bigTransaction(bigTransaction))
        .stream()
        .filter(w -> workloads.isEmpty() || workloads.contains(w.name()))
        .toList();
  }

  BenchOptions withRuns(int runs) {
    return new BenchOptions(
        runs,
        changes,
        bigTransaction,
        warmupChanges,
        ceilingSeconds,
        endToEndSeconds,
        latencySeconds,
        soakSeconds,
        workloads);
  }

  BenchOptions withSoak(int soakSeconds) {
    return new BenchOptions(
        runs,
        changes,
        bigTransaction,
        warmupChanges,
        ceilingSeconds,
        endToEndSeconds,
        latencySeconds,
        soakSeconds,
        workloads);
  }

  BenchOptions withWorkloads(List<String> workloads) {
    return new BenchOptions(
        runs,
        changes,
        bigTransaction,
        warmupChanges,
        ceilingSeconds,
        endToEndSeconds,
        latencySeconds,
        soakSeconds,
        workloads);
  }
}

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
 * @param measures which figures to measure: {@code read}, {@code null}, {@code std}, {@code fifo},
 *     {@code latency} (empty: all)
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
    List<String> workloads,
    List<String> measures) {

  static BenchOptions standard() {
    return new BenchOptions(3, 200_000, 1_000_000, 40_000, 2.5, 5, 15, 0, List.of(), List.of());
  }

  static BenchOptions quick() {
    return new BenchOptions(3, 30_000, 150_000, 20_000, 2, 4, 10, 0, List.of(), List.of());
  }

  /** The smoke test's: one run of everything on a tiny workload. */
  static BenchOptions tiny() {
    return new BenchOptions(1, 1_000, 2_000, 1_000, 0.5, 5, 2, 0, List.of("inserts"), List.of());
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

  /**
   * Whether {@code figure} ({@code read}, {@code null}, {@code std}, {@code fifo}, {@code latency})
   * is measured.
   */
  boolean measures(String figure) {
    return measures.isEmpty() || measures.contains(figure);
  }

  /** These options with one command-line option applied: {@code --runs 5} and so on. */
  BenchOptions with(String option, String value) {
    int n = option.equals("--runs") || option.equals("--soak") ? Integer.parseInt(value) : 0;
    List<String> list = value == null ? List.of() : List.of(value.split(","));
    return new BenchOptions(
        option.equals("--runs") ? n : runs,
        changes,
        bigTransaction,
        warmupChanges,
        ceilingSeconds,
        endToEndSeconds,
        latencySeconds,
        option.equals("--soak") ? n : soakSeconds,
        option.equals("--workloads") ? list : workloads,
        option.equals("--measure") ? list : measures);
  }
}

package io.runnel.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How much the benchmark measures. Immutable.
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
 *     {@code delay}, {@code latency}, {@code s3} (the wide workload offloaded to S3; empty: all of
 *     these), {@code pgtls} (Runnel's database connections over verify-full; only when named)
 * @param delayMillis what the delay proxy adds to everything Runnel sends to the SQS server
 * @param profileAll profile every workload's null-sink and standard end-to-end runs ({@code
 *     --profile}); otherwise only one workload's standard end-to-end runs (inserts if selected)
 * @param profileMillis JFR's sampling period in profiled runs
 * @param transports SQS transports to compare ({@code --transports socket,jdk}): each standard
 *     end-to-end run (and its TLS and delayed twins) runs once per transport, in a Runnel JVM of
 *     its own started with {@code -Drunnel.sqs.transport=<name>}; the first is the baseline and
 *     runs everything else (empty: one Runnel JVM without the property, Runnel's default)
 * @param tls also run every standard end-to-end run over HTTPS (a TLS front in front of the SQS
 *     server), and send the standard delayed runs over HTTPS
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
    List<String> measures,
    int delayMillis,
    boolean profileAll,
    int profileMillis,
    List<String> transports,
    boolean tls) {
  static final List<String> FIGURES =
      List.of("read", "null", "std", "fifo", "delay", "latency", "s3", "pgtls");

  /** The label of Runnel's JVM when no transport is named: no system property is set. */
  static final String DEFAULT_TRANSPORT = "default";

  /** JFR's sampling period with {@code --profile}; the default run's profile samples less often. */
  static final int FULL_PROFILE_MILLIS = 2;

  static BenchOptions standard() {
    return new BenchOptions(
        3, 200_000, 1_000_000, 40_000, 2.5, 5, 15, 0, List.of(), List.of(), 20, false, 10,
        List.of(), false);
  }

  static BenchOptions quick() {
    return new BenchOptions(
        3, 30_000, 150_000, 20_000, 2, 4, 10, 0, List.of(), List.of(), 20, false, 10, List.of(),
        false);
  }

  /** The smoke test's: one run of everything on a tiny workload. */
  static BenchOptions tiny() {
    return new BenchOptions(
        1,
        1_000,
        2_000,
        1_000,
        0.5,
        5,
        2,
        0,
        List.of("inserts"),
        List.of(),
        20,
        false,
        2,
        List.of(),
        false);
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

  /** Whether {@code figure} (one of {@link #FIGURES}, not {@code pgtls}) is measured. */
  boolean measures(String figure) {
    return measures.isEmpty() || measures.contains(figure);
  }

  /**
   * Whether the database TLS leg runs ({@link PgTlsLeg}): only when {@code --measure} names {@code
   * pgtls}, as it starts PostgreSQL with TLS on; the default run leaves it out.
   */
  boolean measuresPgTls() {
    return measures.contains("pgtls");
  }

  /**
   * Whether Runnel's end-to-end runs to a {@code kind} ({@code std} or {@code fifo}) queue are
   * measured: when asked for, or when only {@code delay} is, whose ratios need them.
   */
  boolean measuresEndToEnd(String kind) {
    boolean delayOnly =
        measures.contains("delay") && !measures.contains("std") && !measures.contains("fifo");
    // s3 and pgtls divide by the standard rate of the same run
    boolean divides = kind.equals("std") && (measures.contains("s3") || measuresPgTls());
    return measures(kind) || delayOnly || divides;
  }

  /** The transports' labels, the baseline first: {@link #DEFAULT_TRANSPORT} when none is named. */
  List<String> transportLabels() {
    return transports.isEmpty() ? List.of(DEFAULT_TRANSPORT) : transports;
  }

  /** The baseline transport's label: the one that runs everything, not only the compared legs. */
  String baseline() {
    return transportLabels().getFirst();
  }

  /**
   * The order the transports run in during measured run {@code run}: rotated by one per run, so
   * with two transports each goes first in every other run and neither always meets the machine
   * just after the SQS ceiling loop.
   */
  List<String> transportOrder(int run) {
    List<String> labels = new ArrayList<>(transportLabels());
    Collections.rotate(labels, -(run % labels.size()));
    return labels;
  }

  /**
   * Whether the {@code kind} ({@code null} or {@code std}) runs of {@code workload} are profiled.
   * When transports are compared only {@code --profile} profiles, and then every transport's
   * standard runs alike (JFR's cost would otherwise land on one side of the comparison); with
   * {@code pgtls} only {@code --profile} profiles too (the verify-full runs as well).
   */
  boolean profiles(Workload workload, String kind) {
    if (profileAll) {
      return kind.equals("null") || kind.equals("std");
    }
    if (transportLabels().size() > 1 || measuresPgTls()) {
      return false; // the compared runs would not all be profiled
    }
    List<Workload> selected = selectedWorkloads();
    Workload profiled =
        selected.stream()
            .filter(w -> w.name().equals("inserts"))
            .findFirst()
            .orElse(selected.isEmpty() ? null : selected.getFirst());
    return kind.equals("std") && profiled != null && profiled.name().equals(workload.name());
  }

  /** These options with one command-line option applied: {@code --runs 5} and so on. */
  BenchOptions with(String option, String value) {
    List<String> list = value == null ? List.of() : List.of(value.split(","));
    if (option.equals("--measure")) {
      for (String figure : list) {
        if (!FIGURES.contains(figure)) {
          throw new IllegalArgumentException(
              "--measure: unknown figure " + figure + "; use " + String.join(",", FIGURES));
        }
      }
    }
    if (option.equals("--transports")) {
      if (list.isEmpty()
          || list.stream().anyMatch(t -> !t.matches("[a-z0-9][a-z0-9-]*"))
          || list.stream().distinct().count() != list.size()) {
        throw new IllegalArgumentException(
            "--transports needs distinct transport names (e.g. socket,jdk), not " + value);
      }
    }
    int n = value != null && value.matches("[0-9]+") ? Integer.parseInt(value) : -1;
    if (option.equals("--runs") || option.equals("--soak") || option.equals("--delay-ms")) {
      if (n < 0 || (option.equals("--runs") && n == 0)) {
        throw new IllegalArgumentException(option + " needs a whole number, not " + value);
      }
    }
    boolean profile = option.equals("--profile");
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
        option.equals("--measure") ? list : measures,
        option.equals("--delay-ms") ? n : delayMillis,
        profile || profileAll,
        profile ? FULL_PROFILE_MILLIS : profileMillis,
        option.equals("--transports") ? list : transports,
        option.equals("--tls") || tls);
  }
}

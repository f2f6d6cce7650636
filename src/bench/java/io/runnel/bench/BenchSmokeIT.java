package io.runnel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness starts its servers and Runnel, and yields every figure on a tiny workload:
 * the ceilings, Runnel end to end with and without the delay proxy, CPU per message beside the bare
 * SDK loop's, and the profiled run's stage table. Speed itself is bench/run's business: nothing
 * here is timed.
 */
class BenchSmokeIT {

  @Test
  void harnessMeasuresATinyWorkload() throws Exception {
    assumeTrue(
        Files.isExecutable(ReadCeiling.DEFAULT_BINARY) || System.getenv("PG_RECVLOGICAL") != null,
        "pg_recvlogical is not installed (apt-get install postgresql-client)");
    BenchOptions tiny = BenchOptions.tiny();
    Bench.Results results;
    try (BenchEnvironment env =
        BenchEnvironment.start(
            Path.of("target", "bench-smoke"), List.of("-Xmx256m", Bench.AGENT_STACK_DEPTH))) {
      results = new Bench(env, tiny).measure();
    }

    Figures inserts = results.workloads().values().iterator().next();
    for (String figure :
        List.of(
            "read",
            "null",
            "ceiling.std",
            "ceiling.std.16",
            "e2e.std",
            "e2e.std.delay",
            "e2e.std.delay/e2e.std",
            "e2e.fifo.delivered",
            "e2e.fifo.delay.delivered",
            "e2e.fifo.delay",
            "e2e.fifo.delay/e2e.fifo",
            "cpu.ceiling.std.client",
            "cpu.ceiling.std.16.client",
            "cpu.e2e.std.runnel",
            "cpu.e2e.std.runnel/client",
            "cpu.e2e.std.delay.runnel",
            "mem.rss")) {
      assertThat(inserts.get(figure).median()).as(figure).isPositive();
    }
    assertThat(inserts.get("e2e.std.delivered").median()).isEqualTo(tiny.changes());
    assertThat(inserts.get("body.bytes").median()).isBetween(300.0, 2000.0);
    assertThat(results.latency().get("latency.p50").median()).isPositive();
    assertThat(results.delayedLatency().get("latency.p50").median()).isPositive();

    StageProfile profile = inserts.profiles().get("std");
    assertThat(profile.messages()).isEqualTo(tiny.changes());
    assertThat(profile.samples()).isPositive();
    assertThat(profile.stageNanos().values().stream().mapToLong(Long::longValue).sum())
        .isCloseTo(profile.processCpuNanos(), withPercentage(1));
    assertThat(profile.leafNanos()).isNotEmpty();

    String report = Report.render("smoke", tiny, results);
    assertThat(report)
        .contains("| inserts (", "ms added to every request", "through the 20 ms delay proxy")
        .contains("Runnel CPU by stage", "| decode |", "| signing |", "Top 15 leaf methods")
        .doesNotContain("NaN");
  }

  /** Two transports (both today's client until the property means something) over TLS too. */
  @Test
  void harnessComparesTransportsOverTls() throws Exception {
    assumeTrue(
        Files.isExecutable(ReadCeiling.DEFAULT_BINARY) || System.getenv("PG_RECVLOGICAL") != null,
        "pg_recvlogical is not installed (apt-get install postgresql-client)");
    BenchOptions options =
        BenchOptions.tiny()
            .with("--transports", "socket,jdk")
            .with("--tls", null)
            .with("--measure", "std,delay");
    Bench.Results results;
    try (BenchEnvironment env =
        BenchEnvironment.start(
            Path.of("target", "bench-smoke-tls"),
            List.of("-Xmx256m"),
            options.transportLabels(),
            true,
            false)) {
      results = new Bench(env, options).measure();
    }

    Figures inserts = results.workloads().values().iterator().next();
    for (String transport : List.of("socket", "jdk")) {
      for (String figure :
          List.of(
              "e2e.std",
              "e2e.std.tls",
              "e2e.std.delay",
              "cpu.e2e.std.tls.runnel",
              "cpu.e2e.std.tls.front",
              "e2e.std.tls.connections",
              "e2e.std.delay.connections",
              "cpu.e2e.std.delay.runnel")) {
        assertThat(inserts.get(WorkloadBench.transportFigure(transport, figure)).median())
            .as(transport + " " + figure)
            .isPositive();
      }
      assertThat(
              inserts.get(WorkloadBench.transportFigure(transport, "e2e.std.tls.delivered")).max())
          .isEqualTo(options.changes());
    }
    assertThat(inserts.get("e2e.std.tls").median()).isPositive();
    String report = Report.render("smoke", options, results);
    assertThat(report)
        .contains("Transports side by side", "| inserts | **jdk ÷ socket** |", "jdk vs socket")
        .doesNotContain("NaN");
  }

  /**
   * Database TLS ({@code --measure pgtls}): both orders of the verify-full and plain runs deliver
   * everything, and the connection-open and IAM-token timings are reported.
   */
  @Test
  void harnessMeasuresDatabaseTls() throws Exception {
    assumeTrue(
        Files.isExecutable(ReadCeiling.DEFAULT_BINARY) || System.getenv("PG_RECVLOGICAL") != null,
        "pg_recvlogical is not installed (apt-get install postgresql-client)");
    BenchOptions options = BenchOptions.tiny().with("--measure", "std,pgtls").with("--runs", "2");
    Bench.Results results;
    try (BenchEnvironment env =
        BenchEnvironment.start(
            Path.of("target", "bench-smoke-pgtls"),
            List.of("-Xmx256m"),
            options.transportLabels(),
            false,
            true)) {
      results = new Bench(env, options).measure();
    }

    Figures inserts = results.workloads().values().iterator().next();
    for (String figure :
        List.of(
            "e2e.std.pgtls",
            "e2e.std.pgtls/e2e.std",
            "cpu.e2e.std.pgtls.runnel",
            "cpu.e2e.std.pgtls/e2e.std",
            "pgtls.open.plain",
            "pgtls.open.tls",
            "iam.sign")) {
      assertThat(inserts.get(figure).values()).as(figure).hasSize(2).allMatch(v -> v > 0);
    }
    assertThat(inserts.get("e2e.std.pgtls.delivered").min()).isEqualTo(options.changes());
    assertThat(Report.render("smoke", options, results))
        .contains("Database TLS", "| inserts |", "one IAM token signed")
        .doesNotContain("NaN");
  }
}

package io.runnel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness starts its servers and Runnel, and yields sane figures on a tiny workload.
 * Speed itself is bench/run's business: nothing here is timed.
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
        BenchEnvironment.start(Path.of("target", "bench-smoke"), List.of("-Xmx256m"))) {
      results = new Bench(env, tiny).measure();
    }

    Figures inserts = results.workloads().values().iterator().next();
    assertThat(inserts.get("read").median()).isPositive();
    assertThat(inserts.get("null").median()).isPositive();
    assertThat(inserts.get("ceiling.std").median()).isPositive();
    assertThat(inserts.get("e2e.std.delivered").median()).isEqualTo(tiny.changes());
    assertThat(inserts.get("e2e.fifo.delivered").median()).isPositive();
    assertThat(inserts.get("body.bytes").median()).isBetween(300.0, 2000.0);
    assertThat(inserts.get("mem.rss").median()).isPositive();
    assertThat(results.latency().get("latency.p50").median()).isPositive();
    String report = Report.render("smoke", results.workloads(), results.latency());
    assertThat(report).contains("| inserts (").doesNotContain("NaN");
  }
}

package io.runnel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transports table's ratios and the issue-18 verdict, on made-up figures. */
class ReportTest {
  private static final BenchOptions COMPARED =
      Bench.parse(new String[] {"--transports", "socket,jdk", "--tls", "--measure", "std,delay"});

  @Test
  void ratiosAreOfTheMediansWithThePerRunPairsSpread() {
    Figures f = new Figures();
    put(f, "socket", "cpu.e2e.std.tls.runnel", 50, 60, 40);
    put(f, "jdk", "cpu.e2e.std.tls.runnel", 55, 57, 44);
    Report.Ratio ratio = Report.ratio(f, "jdk", "socket", "cpu.e2e.std.tls.runnel");
    assertThat(ratio.ofMedians()).isEqualTo(55.0 / 50);
    assertThat(ratio.pairs().min()).isEqualTo(57.0 / 60);
    assertThat(ratio.pairs().max()).isEqualTo(1.1);
    assertThat(ratio.describe()).isEqualTo("1.10 (0.95–1.10)");
  }

  @Test
  void keepsTheBaselineWhenTheCandidateCostsMoreThanTenPercentMoreCpu() {
    Figures f = figures(50, 56, 10_000, 9_900);
    String table = Report.transports(Map.of(Workload.inserts(1), f), COMPARED);
    assertThat(table).contains("| inserts | **jdk ÷ socket** |", "→ **keep socket** (CPU)");
  }

  @Test
  void keepsTheBaselineWhenTheCandidateLosesMoreThanFivePercentOfDelayedThroughput() {
    Figures f = figures(50, 51, 10_000, 9_400);
    String table = Report.transports(Map.of(Workload.inserts(1), f), COMPARED);
    assertThat(table).contains("→ **keep socket** (delayed throughput)");
  }

  @Test
  void takesTheCandidateWithinBothLimits() {
    Figures f = figures(50, 54, 10_000, 9_600);
    String table = Report.transports(Map.of(Workload.inserts(1), f), COMPARED);
    assertThat(table).contains("→ **jdk** (neither limit passed)").doesNotContain("NaN");
  }

  @Test
  void givesNoVerdictWithoutTls() {
    BenchOptions plain = Bench.parse(new String[] {"--transports", "socket,jdk"});
    String table = Report.transports(Map.of(Workload.inserts(1), figures(50, 50, 1, 1)), plain);
    assertThat(table).contains("no verdict");
  }

  private static Figures figures(
      double socketCpu, double jdkCpu, double socketRate, double jdkRate) {
    Figures f = new Figures();
    for (String leg : new String[] {"e2e.std", "e2e.std.tls"}) {
      put(f, "socket", leg, socketRate);
      put(f, "jdk", leg, jdkRate);
    }
    put(f, "socket", "e2e.std.delay", socketRate);
    put(f, "jdk", "e2e.std.delay", jdkRate);
    for (String cpu :
        new String[] {"cpu.e2e.std.runnel", "cpu.e2e.std.tls.runnel", "cpu.e2e.std.delay.runnel"}) {
      put(f, "socket", cpu, socketCpu);
      put(f, "jdk", cpu, jdkCpu);
    }
    put(f, "socket", "cpu.e2e.std.tls.front", 20);
    put(f, "jdk", "cpu.e2e.std.tls.front", 20);
    return f;
  }

  private static void put(Figures f, String transport, String figure, double... values) {
    for (double value : values) {
      f.add(WorkloadBench.transportFigure(transport, figure), value);
    }
  }
}

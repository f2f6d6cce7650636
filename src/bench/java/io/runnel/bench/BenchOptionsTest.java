package io.runnel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultRunMeasuresTheDelayAndProfilesInsertsStandardRunsOnly() {
    BenchOptions options = Bench.parse(new String[0]);
    assertThat(options.measures("delay")).isTrue();
    assertThat(options.delayMillis()).isEqualTo(20);
    assertThat(options.profiles(Workload.inserts(1), "std")).isTrue();
    assertThat(options.profiles(Workload.inserts(1), "null")).isFalse();
    assertThat(options.profiles(Workload.mixed(1), "std")).isFalse();
  }

  @Test
  void profileOptionProfilesEveryWorkloadsNullAndStandardRunsMoreOften() {
    BenchOptions options = Bench.parse(new String[] {"--quick", "--profile"});
    assertThat(options.profileAll()).isTrue();
    assertThat(options.profileMillis()).isEqualTo(BenchOptions.FULL_PROFILE_MILLIS);
    assertThat(options.profiles(Workload.wide(1), "null")).isTrue();
    assertThat(options.profiles(Workload.wide(1), "fifo")).isFalse();
  }

  @Test
  void withoutInsertsTheFirstSelectedWorkloadIsProfiled() {
    BenchOptions options = Bench.parse(new String[] {"--workloads", "wide,big-tx"});
    assertThat(options.profiles(Workload.wide(1), "std")).isTrue();
    assertThat(options.profiles(Workload.bigTransaction(1), "std")).isFalse();
  }

  @Test
  void delayAloneBringsTheUndelayedRunsItIsComparedWith() {
    BenchOptions options = Bench.parse(new String[] {"--measure", "delay", "--delay-ms", "50"});
    assertThat(options.delayMillis()).isEqualTo(50);
    assertThat(options.measuresEndToEnd("std")).isTrue();
    assertThat(options.measuresEndToEnd("fifo")).isTrue();
    assertThat(options.measures("latency")).isFalse();

    BenchOptions stdOnly = Bench.parse(new String[] {"--measure", "std,delay"});
    assertThat(stdOnly.measuresEndToEnd("std")).isTrue();
    assertThat(stdOnly.measuresEndToEnd("fifo")).isFalse();
  }

  @Test
  void databaseTlsRunsOnlyWhenNamedAndBringsTheStandardRunsItIsComparedWith() {
    assertThat(Bench.parse(new String[0]).measuresPgTls()).isFalse();
    assertThat(Bench.parse(new String[] {"--measure", "std,s3"}).measuresPgTls()).isFalse();

    BenchOptions options = Bench.parse(new String[] {"--quick", "--measure", "pgtls"});
    assertThat(options.measuresPgTls()).isTrue();
    assertThat(options.measuresEndToEnd("std")).isTrue();
    assertThat(options.measuresEndToEnd("fifo")).isFalse();
    assertThat(options.measures("delay")).isFalse();
    assertThat(options.profiles(Workload.inserts(1), "std")).isFalse();
    assertThat(Bench.parse(new String[] {"--measure", "std,pgtls"}).measuresPgTls()).isTrue();
  }

  @Test
  void rejectsUnknownFiguresAndBadNumbers() {
    assertThatThrownBy(() -> Bench.parse(new String[] {"--measure", "std,slow"}))
        .hasMessageContaining("unknown figure slow");
    assertThatThrownBy(() -> Bench.parse(new String[] {"--delay-ms", "-5"}))
        .hasMessageContaining("--delay-ms needs a whole number");
    assertThatThrownBy(() -> Bench.parse(new String[] {"--runs", "0"}))
        .hasMessageContaining("--runs");
  }

  @Test
  void transportsRunInRotatingOrderAndTurnTheDefaultProfileOff() {
    BenchOptions none = Bench.parse(new String[0]);
    assertThat(none.transportLabels()).containsExactly(BenchOptions.DEFAULT_TRANSPORT);
    assertThat(none.tls()).isFalse();

    BenchOptions options =
        Bench.parse(new String[] {"--transports", "socket,jdk", "--tls", "--runs", "3"});
    assertThat(options.tls()).isTrue();
    assertThat(options.baseline()).isEqualTo("socket");
    assertThat(options.transportOrder(0)).containsExactly("socket", "jdk");
    assertThat(options.transportOrder(1)).containsExactly("jdk", "socket");
    assertThat(options.transportOrder(2)).containsExactly("socket", "jdk");
    assertThat(options.profiles(Workload.inserts(1), "std")).isFalse();

    BenchOptions profiled = Bench.parse(new String[] {"--transports", "socket,jdk", "--profile"});
    assertThat(profiled.profiles(Workload.inserts(1), "std")).isTrue();
  }

  @Test
  void rejectsRepeatedOrOddTransportNames() {
    assertThatThrownBy(() -> Bench.parse(new String[] {"--transports", "jdk,jdk"}))
        .hasMessageContaining("--transports");
    assertThatThrownBy(() -> Bench.parse(new String[] {"--transports", "a b"}))
        .hasMessageContaining("--transports");
  }
}

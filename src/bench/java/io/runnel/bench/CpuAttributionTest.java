package io.runnel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuAttributionTest {

  @Test
  void splitsEachThreadsCpuByItsOwnSamples() {
    ThreadSamples source = new ThreadSamples();
    for (int i = 0; i < 3; i++) {
      source.add(Stage.DECODE, "io.runnel.decode.PgOutputDecoder.decode");
    }
    source.add(Stage.ENCODE, "io.runnel.message.BodyWriter.write");
    ThreadSamples sink = new ThreadSamples();
    sink.add(Stage.SIGNING, "sun.security.provider.SHA2.implCompress0");

    StageProfile profile =
        CpuAttribution.attribute(
            Map.of(1L, source, 2L, sink),
            Map.of(
                1L, new CpuAttribution.ThreadCpuTime("runnel-source-bench", 400_000),
                2L, new CpuAttribution.ThreadCpuTime("runnel-sink-bench", 100_000),
                3L, new CpuAttribution.ThreadCpuTime("aws-java-sdk-NettyEventLoop-1-0", 50_000)),
            1_000_000,
            100);

    assertThat(profile.stageNanos())
        .containsEntry(Stage.DECODE, 300_000L)
        .containsEntry(Stage.ENCODE, 100_000L)
        .containsEntry(Stage.SIGNING, 100_000L)
        .containsEntry(Stage.HTTP, 50_000L)
        .containsEntry(Stage.JVM, 450_000L);
    assertThat(profile.micros(Stage.DECODE)).isEqualTo(3.0);
    assertThat(profile.percent(profile.stageNanos().get(Stage.JVM))).isEqualTo(45.0);
    assertThat(profile.leafNanos())
        .containsEntry("io.runnel.decode.PgOutputDecoder.decode", 300_000L);
    assertThat(profile.stageNanos().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(profile.processCpuNanos());
  }

  @Test
  void profilesOfSeveralRunsAddUp() {
    StageProfile one =
        new StageProfile(10, 1000, Map.of(Stage.DECODE, 1000L), Map.of("a.B.c", 1000L), 5, 0, 0);
    StageProfile both = one.plus(one);
    assertThat(both.messages()).isEqualTo(20);
    assertThat(both.micros(Stage.DECODE)).isEqualTo(0.1);
    assertThat(both.leafNanos()).containsEntry("a.B.c", 2000L);
  }
}

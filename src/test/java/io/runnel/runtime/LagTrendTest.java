package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagTrendTest {
  private static final long MIB = 1024 * 1024;
  private final LagTrend trend = new LagTrend();

  @Test
  void lagRisingAtEverySampleForTheWholeWindowIsAProblem() {
    for (long t = 0; t <= LagTrend.WINDOW_MILLIS; t += LagTrend.SPACING_MILLIS) {
      trend.record(t, t / 1000 * MIB);
    }
    assertThat(trend.problem())
        .startsWith("replication lag grew by " + 300 * MIB + " bytes over 300 s");
  }

  @Test
  void lagThatFellOnceInTheWindowIsNot() {
    for (long t = 0; t <= LagTrend.WINDOW_MILLIS; t += LagTrend.SPACING_MILLIS) {
      trend.record(t, t == 60_000 ? 0 : t / 1000 * MIB);
    }
    assertThat(trend.problem()).isNull();
  }

  @Test
  void aWindowNotYetFullOrGrowthUnderTheMinimumIsNot() {
    for (long t = 0; t < LagTrend.WINDOW_MILLIS; t += LagTrend.SPACING_MILLIS) {
      trend.record(t, t * MIB);
    }
    assertThat(trend.problem()).as("less than a window of samples").isNull();

    LagTrend small = new LagTrend();
    for (long t = 0; t <= LagTrend.WINDOW_MILLIS; t += LagTrend.SPACING_MILLIS) {
      small.record(t, t / 1000);
    }
    assertThat(small.problem()).as("grew by 300 bytes only").isNull();
  }

  @Test
  void oldSamplesLeaveTheWindowSoARecoveredSlotIsHealthyAgain() {
    for (long t = 0; t <= LagTrend.WINDOW_MILLIS; t += LagTrend.SPACING_MILLIS) {
      trend.record(t, t / 1000 * MIB);
    }
    trend.record(LagTrend.WINDOW_MILLIS + LagTrend.SPACING_MILLIS, 0L);
    assertThat(trend.problem()).isNull();
    trend.record(LagTrend.WINDOW_MILLIS + LagTrend.SPACING_MILLIS + 1, null);
    assertThat(trend.problem()).isNull();
  }
}

package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalPercentilesTest {
  private final Timer timer =
      Timer.builder("latency")
          .serviceLevelObjectives(
              Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(100))
          .register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

  private void record(int times, long millis) {
    for (int i = 0; i < times; i++) {
      timer.record(Duration.ofMillis(millis));
    }
  }

  @Test
  void interpolatesInsideTheBucketHoldingTheRank() {
    record(50, 5); // bucket 0–10 ms
    record(50, 15); // bucket 10–20 ms
    HistogramSnapshot now = timer.takeSnapshot();

    // Rank 50 of 100 is the last of the first bucket: its upper bound.
    assertThat(IntervalPercentiles.of(null, now, 0.5)).isCloseTo(0.010, within(1e-9));
    // Rank 75 is half-way through the 10–20 ms bucket.
    assertThat(IntervalPercentiles.of(null, now, 0.75)).isCloseTo(0.015, within(1e-9));
    // Rank 99 is 49/50 of the way through it.
    assertThat(IntervalPercentiles.of(null, now, 0.99)).isCloseTo(0.0198, within(1e-9));
  }

  @Test
  void countsOnlyWhatWasRecordedBetweenTheTwoSnapshots() {
    record(1000, 5);
    HistogramSnapshot before = timer.takeSnapshot();
    record(10, 50); // the interval: all in the 20–100 ms bucket
    HistogramSnapshot after = timer.takeSnapshot();

    assertThat(IntervalPercentiles.of(before, after, 0.5)).isCloseTo(0.060, within(1e-9));
    assertThat(IntervalPercentiles.of(before, after, 0.99)).isCloseTo(0.0992, within(1e-9));
    // Without the earlier snapshot the 1000 fast ones dominate.
    assertThat(IntervalPercentiles.of(null, after, 0.5)).isLessThan(0.010);
  }

  @Test
  void aRankAboveTheHighestBoundAnswersThatBound() {
    record(10, 5_000);
    assertThat(IntervalPercentiles.of(null, timer.takeSnapshot(), 0.99)).isEqualTo(0.100);
  }

  @Test
  void noObservationsInTheIntervalIsNull() {
    record(3, 5);
    HistogramSnapshot snapshot = timer.takeSnapshot();
    assertThat(IntervalPercentiles.of(snapshot, timer.takeSnapshot(), 0.5)).isNull();
  }

  @Test
  void aQuantileOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> IntervalPercentiles.of(null, timer.takeSnapshot(), 99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantile must be from 0 to 1 (was: 99.0)");
  }
}

package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Drives the sampler with a clock the test advances: no sleeping, no scheduler. */
class HistorySamplerTest {
  private static final Instant START = Instant.parse("2026-12-07T10:00:00.250Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(START);
  private final InstantSource clock = () -> now.get();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicReference<Double> lagSeconds = new AtomicReference<>(0.0);
  private final Timer latency =
      Timer.builder("latency")
          .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100))
          .register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  private final HistorySampler sampler =
      new HistorySampler(
          List.of(
              new HistorySampler.Sources(
                  "orders", delivered::get, lagSeconds::get, latency::takeSnapshot)),
          clock,
          Duration.ofSeconds(5));

  private void advance(Duration by) {
    now.set(now.get().plus(by));
  }

  @Test
  void eachPointHasTheIntervalsRateLagsAndLatency() {
    delivered.addAndGet(62);
    for (int i = 0; i < 62; i++) {
      latency.record(Duration.ofMillis(5));
    }
    lagSeconds.set(0.8);
    advance(Duration.ofSeconds(5));
    sampler.sample(1024L);

    SinkHistory history = sampler.history("orders");
    assertThat(history.sink()).isEqualTo("orders");
    assertThat(history.intervalSeconds()).isEqualTo(5);
    SinkHistory.Point point = history.points().getFirst();
    assertThat(point.at()).isEqualTo(Instant.parse("2026-12-07T10:00:05Z"));
    assertThat(point.deliveredPerSecond()).isCloseTo(12.4, within(1e-9));
    assertThat(point.lagBytes()).isEqualTo(1024L);
    assertThat(point.lagSeconds()).isEqualTo(0.8);
    assertThat(point.latencyP50Seconds()).isCloseTo(0.005, within(1e-9));
    assertThat(point.latencyP99Seconds()).isCloseTo(0.0099, within(1e-9));
  }

  @Test
  void theRateIsTheCounterDeltaOverTheElapsedTime() {
    delivered.addAndGet(1000); // before the sampler existed: not in any interval
    HistorySampler late =
        new HistorySampler(
            List.of(
                new HistorySampler.Sources(
                    "orders", delivered::get, lagSeconds::get, latency::takeSnapshot)),
            clock,
            Duration.ofSeconds(5));
    advance(Duration.ofSeconds(5));
    late.sample(0L);
    delivered.addAndGet(30);
    advance(Duration.ofSeconds(6)); // a late tick: 30 messages over 6 s
    late.sample(0L);

    assertThat(late.history("orders").points())
        .extracting(SinkHistory.Point::deliveredPerSecond)
        .containsExactly(0.0, 5.0);
  }

  @Test
  void anIntervalWithoutDeliveriesHasNoLatencyAndUnknownLagsStayNull() {
    lagSeconds.set(null);
    advance(Duration.ofSeconds(5));
    sampler.sample(null);

    SinkHistory.Point point = sampler.history("orders").points().getFirst();
    assertThat(point.deliveredPerSecond()).isZero();
    assertThat(point.lagBytes()).isNull();
    assertThat(point.lagSeconds()).isNull();
    assertThat(point.latencyP50Seconds()).isNull();
    assertThat(point.latencyP99Seconds()).isNull();
  }

  @Test
  void theRingKeepsTheLastFifteenMinutesOldestFirst() {
    for (int i = 1; i <= 200; i++) {
      advance(Duration.ofSeconds(5));
      sampler.sample((long) i);
    }

    List<SinkHistory.Point> points = sampler.history("orders").points();
    assertThat(points).hasSize(180);
    assertThat(points.getFirst().lagBytes()).isEqualTo(21L);
    assertThat(points.getLast().lagBytes()).isEqualTo(200L);
    assertThat(Duration.between(points.getFirst().at(), points.getLast().at()))
        .isEqualTo(Duration.ofSeconds(5 * 179));
  }

  @Test
  void aClockSteppedBackGivesNoNegativeOrInfiniteRate() {
    advance(Duration.ofSeconds(5));
    sampler.sample(0L);
    delivered.addAndGet(10);
    advance(Duration.ofSeconds(-30));
    sampler.sample(0L);

    assertThat(sampler.history("orders").points().getLast().deliveredPerSecond()).isEqualTo(2.0);
  }

  @Test
  void anUnknownSinkHasNoHistory() {
    assertThat(sampler.history("payments")).isNull();
  }

  @Test
  void anIntervalLongerThanTheSpanIsRefused() {
    assertThatThrownBy(() -> new HistorySampler(List.of(), clock, Duration.ofMinutes(16)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("history interval must be positive and at most PT15M (was: PT16M)");
  }
}

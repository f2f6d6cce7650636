package io.runnel.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.runnel.delivery.SinkStats;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples every sink of one database at a fixed interval into a ring of the last {@link #SPAN} (180
 * points at 5 s), for {@code GET /api/sinks/{name}/history} and the console's charts: so a reloaded
 * console still shows the last 15 minutes.
 *
 * <p>Each point covers the interval since the previous sample (the first, since construction): the
 * delivered rate is the delivered counter's delta over the elapsed time, the latency percentiles
 * come from the latency histogram's bucket deltas ({@link IntervalPercentiles}), the lags are read
 * as they are at the sample. Time comes from the injected {@link InstantSource}, so tests call
 * {@link #sample} with a clock they advance instead of sleeping.
 *
 * <p>Thread-safe: {@link #sample} runs on {@link Housekeeping}'s thread, {@link #history} is called
 * from API threads.
 */
final class HistorySampler {
  static final Duration INTERVAL = Duration.ofSeconds(5);
  static final Duration SPAN = Duration.ofMinutes(15);

  /**
   * Where one sink's points are read from.
   *
   * @param delivered the sink's delivered counter (monotonic)
   * @param lagSeconds {@link SinkHistory.Point#lagSeconds}, null when unknown
   * @param latency a snapshot of the sink's cumulative commit→ack latency histogram
   */
  record Sources(
      String sink,
      LongSupplier delivered,
      Supplier<Double> lagSeconds,
      Supplier<HistogramSnapshot> latency) {

    /**
     * A running sink's sources: its stats, its {@code runnel.delivery.latency} timer in {@code
     * registry}, and the replication's state ({@code streaming}).
     */
    static Sources of(
        String sink, SinkStats stats, MeterRegistry registry, Supplier<Boolean> streaming) {
      Timer latency = registry.get("runnel.delivery.latency").tag("sink", sink).timer();
      return new Sources(
          sink,
          stats::delivered,
          () -> streaming.get() ? stats.oldestUndeliveredAgeSeconds() : null,
          latency::takeSnapshot);
    }
  }

  /** One sink's ring of points and what the next point's deltas start from. */
  private static final class Series {
    final Sources sources;
    final ArrayDeque<SinkHistory.Point> points = new ArrayDeque<>();
    long lastDelivered;
    HistogramSnapshot lastLatency;
    Instant lastAt;

    Series(Sources sources, Instant now) {
      this.sources = sources;
      this.lastDelivered = sources.delivered().getAsLong();
      this.lastLatency = sources.latency().get();
      this.lastAt = now;
    }
  }

  private final InstantSource clock;
  private final Duration interval;
  private final int capacity;
  private final Map<String, Series> series = new LinkedHashMap<>();

  /**
   * @param interval how far apart {@link #sample} is called; the ring keeps {@link #SPAN} of them
   */
  HistorySampler(List<Sources> sinks, InstantSource clock, Duration interval) {
    if (interval.isNegative() || interval.isZero() || interval.compareTo(SPAN) > 0) {
      throw new IllegalArgumentException(
          "history interval must be positive and at most " + SPAN + " (was: " + interval + ")");
    }
    this.clock = clock;
    this.interval = interval;
    this.capacity = (int) (SPAN.toMillis() / interval.toMillis());
    Instant now = clock.instant();
    for (Sources sink : sinks) {
      series.put(sink.sink(), new Series(sink, now));
    }
  }

  Duration interval() {
    return interval;
  }

  /**
   * Takes one point per sink, dropping the oldest beyond 15 minutes' worth.
   *
   * @param lagBytes the database's replication lag now, shared by its sinks; null when unknown
   */
  synchronized void sample(Long lagBytes) {
    Instant now = clock.instant();
    for (Series s : series.values()) {
      long delivered = s.sources.delivered().getAsLong();
      HistogramSnapshot latency = s.sources.latency().get();
      long elapsedMillis = Duration.between(s.lastAt, now).toMillis();
      // A wall clock stepped backwards must not give a negative or infinite rate.
      double seconds = (elapsedMillis > 0 ? elapsedMillis : interval.toMillis()) / 1000.0;
      s.points.addLast(
          new SinkHistory.Point(
              now.truncatedTo(ChronoUnit.SECONDS),
              round(Math.max(0, delivered - s.lastDelivered) / seconds, 1e3),
              lagBytes,
              round(s.sources.lagSeconds().get(), 1e3),
              round(IntervalPercentiles.of(s.lastLatency, latency, 0.50), 1e6),
              round(IntervalPercentiles.of(s.lastLatency, latency, 0.99), 1e6)));
      while (s.points.size() > capacity) {
        s.points.removeFirst();
      }
      s.lastDelivered = delivered;
      s.lastLatency = latency;
      s.lastAt = now;
    }
  }

  /** {@code value} to {@code 1/scale} (milliseconds, microseconds), so the JSON stays short. */
  private static Double round(Double value, double scale) {
    return value == null ? null : Math.round(value * scale) / scale;
  }

  /** The named sink's points, oldest first; null when this sampler has no such sink. */
  synchronized SinkHistory history(String sink) {
    Series s = series.get(sink);
    return s == null ? null : new SinkHistory(sink, interval.toSeconds(), List.copyOf(s.points));
  }
}

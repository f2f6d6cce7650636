package io.runnel.runtime;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;

/**
 * Percentiles of the observations recorded between two snapshots of one cumulative histogram (the
 * {@code runnel_delivery_latency_seconds} timer's buckets), estimated as Prometheus's {@code
 * histogram_quantile} does over a {@code rate()}: find the bucket holding the wanted rank in the
 * bucket-count deltas and interpolate linearly inside it (the first bucket starts at 0). A rank
 * beyond the highest bound answers that bound. Precision is therefore the bucket width, which is
 * what the histogram can tell. Stateless.
 */
final class IntervalPercentiles {
  private IntervalPercentiles() {}

  /**
   * The {@code quantile} (0 to 1) in seconds of the observations between {@code before} and {@code
   * after}; null when there were none. {@code before} may be null: everything up to {@code after}.
   */
  static Double of(HistogramSnapshot before, HistogramSnapshot after, double quantile) {
    if (quantile < 0 || quantile > 1) {
      throw new IllegalArgumentException("quantile must be from 0 to 1 (was: " + quantile + ")");
    }
    CountAtBucket[] now = after.histogramCounts();
    CountAtBucket[] then = before == null ? null : before.histogramCounts();
    long total = after.count() - (before == null ? 0 : before.count());
    if (total <= 0 || now.length == 0) {
      return null;
    }
    double rank = quantile * total;
    double lowerBound = 0;
    double belowCount = 0;
    for (int i = 0; i < now.length; i++) {
      double upperBound = now[i].bucket(TimeUnit.SECONDS);
      double cumulative = now[i].count() - (then == null ? 0 : then[i].count());
      if (cumulative >= rank && cumulative > belowCount) {
        double inBucket = cumulative - belowCount;
        return lowerBound + (upperBound - lowerBound) * (rank - belowCount) / inBucket;
      }
      lowerBound = upperBound;
      belowCount = Math.max(belowCount, cumulative);
    }
    return lowerBound;
  }
}

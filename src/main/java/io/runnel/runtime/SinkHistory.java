package io.runnel.runtime;

import java.time.Instant;
import java.util.List;

/**
 * A sink's recent history, as {@code GET /api/sinks/{name}/history} answers it: one point per
 * {@code intervalSeconds}, oldest first, covering the last 15 minutes at most. Immutable snapshot.
 *
 * @param sink the sink's name
 * @param intervalSeconds how far apart the points are taken
 * @param points oldest first; empty until the first interval has passed
 */
public record SinkHistory(String sink, long intervalSeconds, List<Point> points) {

  public SinkHistory {
    points = List.copyOf(points);
  }

  /**
   * One sample, covering the interval that ends at {@code at}.
   *
   * @param at when the sample was taken (UTC, whole seconds)
   * @param deliveredPerSecond messages the sink accepted during the interval, per second
   * @param lagBytes the slot's replication lag in bytes (as {@code replication_lag_bytes} in {@code
   *     /api/sinks}); null while the server's WAL position is unknown
   * @param lagSeconds the replication lag in time: seconds since the commit of the oldest message
   *     this sink has read and not yet delivered (in memory or parked), 0 when it has delivered
   *     everything it read; null while replication is not streaming, as the age then says nothing
   *     about the WAL not yet read
   * @param latencyP50Seconds median commit→SQS acknowledgement latency of the interval's
   *     deliveries; null when nothing was delivered in the interval
   * @param latencyP99Seconds 99th percentile of the same; null when nothing was delivered
   */
  public record Point(
      Instant at,
      double deliveredPerSecond,
      Long lagBytes,
      Double lagSeconds,
      Double latencyP50Seconds,
      Double latencyP99Seconds) {}
}

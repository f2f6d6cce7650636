package io.runnel.runtime;

import io.runnel.delivery.SinkStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A sink's state as /health and the API report it. Immutable snapshot.
 *
 * <p>A sink the operator paused (config {@code status: paused} or the API) is not unhealthy: it is
 * not active, and DESIGN.md §7 judges active sinks only. Its status says {@code paused}. A sink of
 * a database another instance streams says {@code standby} and is healthy too.
 *
 * @param replicationLagBytes the slot's lag behind the server's WAL, null until known
 * @param oldestUndeliveredAgeSeconds age since commit of the oldest message not yet delivered
 * @param problem why the sink is unhealthy, or null when it is healthy
 */
public record SinkHealth(
    String name,
    String database,
    String status,
    String sourceState,
    Long replicationLagBytes,
    long delivered,
    long discarded,
    long failedAttempts,
    int buffered,
    int inFlight,
    int backingOff,
    int parkedGroups,
    double oldestUndeliveredAgeSeconds,
    String lastError,
    String problem) {

  /** Deliveries failing this long make a sink unhealthy (a blip does not). */
  static final Duration STALLED_AFTER = Duration.ofSeconds(30);

  public boolean healthy() {
    return problem == null;
  }

  /**
   * A sink of a database this instance does not stream: healthy while another instance does (its
   * counts live there); unhealthy with {@code problem} when no one does because this instance's
   * takeover failed (a lost slot, say).
   */
  static SinkHealth standby(String name, String database, String problem) {
    return new SinkHealth(
        name, database, "standby", "STANDBY", null, 0, 0, 0, 0, 0, 0, 0, 0, problem, problem);
  }

  static SinkHealth of(
      String name,
      String database,
      boolean paused,
      String sourceState,
      String sourceError,
      Long lagBytes,
      String lagProblem,
      SinkStats stats,
      Duration undeliveredAgeLimit,
      Instant now) {
    String problem = null;
    if (!paused && !"STREAMING".equals(sourceState)) {
      problem =
          "replication is "
              + sourceState.toLowerCase(Locale.ROOT)
              + (sourceError != null ? ": " + sourceError : "");
    } else if (!paused) {
      problem = stalled(name, stats, undeliveredAgeLimit, now);
      problem = problem == null ? lagProblem : problem;
    }
    SinkStats.LastError lastError = stats.lastError();
    return new SinkHealth(
        name,
        database,
        paused ? "paused" : "active",
        sourceState,
        lagBytes,
        stats.delivered(),
        stats.discarded(),
        stats.failedAttempts(),
        stats.buffered(),
        stats.inFlight(),
        stats.backingOff(),
        stats.parkedGroups(),
        stats.oldestUndeliveredAgeSeconds(),
        lastError == null ? null : lastError.message(),
        problem);
  }

  /**
   * Why deliveries are stuck, or null: failing for a while, groups parked after failing, or the
   * oldest undelivered message older than the limit. (A growing lag is judged by {@link LagTrend}.)
   */
  private static String stalled(
      String name, SinkStats stats, Duration undeliveredAgeLimit, Instant now) {
    SinkStats.LastError lastError = stats.lastError();
    Instant since = stats.failingSince();
    if (since != null && since.isBefore(now.minus(STALLED_AFTER))) {
      return "deliveries failing since "
          + since
          + (lastError != null ? ": " + lastError.message() : "");
    }
    if (stats.parkedGroups() > 0) {
      return stats.parkedGroups()
          + " group(s) parked; see /api/sinks/"
          + name
          + "/messages?state=parked";
    }
    double age = stats.oldestUndeliveredAgeSeconds();
    if (age > undeliveredAgeLimit.toSeconds()) {
      return String.format(
          Locale.ROOT,
          "oldest undelivered message is %.0f s old (limit %d s)",
          age,
          undeliveredAgeLimit.toSeconds());
    }
    return null;
  }
}

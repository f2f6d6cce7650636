package io.runnel;

import io.runnel.pipeline.SinkStats;

/**
 * A sink's state as /health and the API report it. Immutable snapshot.
 *
 * @param problem why the sink is unhealthy, or null when it is healthy
 */
public record SinkHealth(
    String name,
    String database,
    String status,
    String sourceState,
    long delivered,
    long discarded,
    long failedAttempts,
    int buffered,
    int backingOff,
    int parkedGroups,
    String lastError,
    String problem) {

  /** Deliveries failing this long make a sink unhealthy (a blip does not). */
  static final java.time.Duration STALLED_AFTER = java.time.Duration.ofSeconds(30);

  public boolean healthy() {
    return problem == null;
  }

  static SinkHealth of(
      String name,
      String database,
      String status,
      String sourceState,
      String sourceError,
      SinkStats stats) {
    String problem = null;
    if (!"STREAMING".equals(sourceState)) {
      problem =
          "replication is "
              + sourceState.toLowerCase(java.util.Locale.ROOT)
              + (sourceError != null ? ": " + sourceError : "");
    } else if ("paused".equals(status)) {
      problem = "sink is paused";
    }
    SinkStats.LastError lastError = stats.lastError();
    if (problem == null) {
      problem = stalled(name, stats, lastError);
    }
    return new SinkHealth(
        name,
        database,
        status,
        sourceState,
        stats.delivered(),
        stats.discarded(),
        stats.failedAttempts(),
        stats.buffered(),
        stats.backingOff(),
        stats.parkedGroups(),
        lastError == null ? null : lastError.message(),
        problem);
  }

  /** Why deliveries are stuck, or null: failing for a while, or groups parked after failing. */
  private static String stalled(String name, SinkStats stats, SinkStats.LastError lastError) {
    java.time.Instant since = stats.failingSince();
    if (since != null && since.isBefore(java.time.Instant.now().minus(STALLED_AFTER))) {
      return "deliveries failing since "
          + since
          + (lastError != null ? ": " + lastError.message() : "");
    }
    if (stats.parkedGroups() > 0) {
      return stats.parkedGroups()
          + " group(s) parked after failing; see /api/sinks/"
          + name
          + "/messages?state=parked";
    }
    return null;
  }
}

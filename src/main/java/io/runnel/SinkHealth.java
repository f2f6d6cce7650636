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
    String lastError,
    String problem) {

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
        lastError == null ? null : lastError.message(),
        problem);
  }
}

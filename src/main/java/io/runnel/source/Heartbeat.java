package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Writes a tiny transactional logical message every {@code heartbeat_interval_ms}, so a slot on a
 * quiet database — or one whose changes are all filtered out — still sees commits to acknowledge
 * and the server can recycle its WAL. The decoder skips the message itself. Runs on the given
 * scheduler, on its own connection; {@link #close} closes it.
 */
public final class Heartbeat implements AutoCloseable {
  static final String PREFIX = "runnel:heartbeat";

  private final PeriodicQuery query;

  private Heartbeat(PeriodicQuery query) {
    this.query = query;
  }

  /** Starts beating, or returns null when the database's interval is 0 (disabled). */
  public static Heartbeat start(DatabaseConfig db, ScheduledExecutorService scheduler) {
    if (db.heartbeatIntervalMs() <= 0) {
      return null;
    }
    return new Heartbeat(
        PeriodicQuery.start(
            scheduler,
            db,
            "write a heartbeat",
            db.heartbeatIntervalMs(),
            db.heartbeatIntervalMs(),
            Heartbeat::beat,
            () -> {}));
  }

  private static void beat(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_logical_emit_message(true, '" + PREFIX + "', now()::text)");
    }
  }

  @Override
  public void close() {
    query.close();
  }
}

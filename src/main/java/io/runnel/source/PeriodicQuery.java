package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one small SQL task on a given scheduler, on its own connection, which is reopened after a
 * failure. Logs once when the task starts failing and once when it recovers. {@link #close} cancels
 * the runs and closes the connection; the scheduler's owner stops the scheduler first, so no run is
 * under way then.
 */
final class PeriodicQuery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeriodicQuery.class);

  /** The work done each time, with the open connection. */
  interface Task {
    void run(Connection connection) throws SQLException;
  }

  private final DatabaseConfig db;
  private final String what;
  private final Task task;
  private final Runnable onFailure;
  private ScheduledFuture<?> runs;
  private Connection connection;
  private boolean failing;

  private PeriodicQuery(DatabaseConfig db, String what, Task task, Runnable onFailure) {
    this.db = db;
    this.what = what;
    this.task = task;
    this.onFailure = onFailure;
  }

  /**
   * @param what what the task does, for log lines ("write a heartbeat")
   * @param onFailure called on the task's thread after each failed run
   */
  static PeriodicQuery start(
      ScheduledExecutorService scheduler,
      DatabaseConfig db,
      String what,
      long initialDelayMs,
      long intervalMs,
      Task task,
      Runnable onFailure) {
    PeriodicQuery query = new PeriodicQuery(db, what, task, onFailure);
    query.runs =
        scheduler.scheduleWithFixedDelay(
            query::runOnce, initialDelayMs, intervalMs, TimeUnit.MILLISECONDS);
    return query;
  }

  private void runOnce() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = Connections.open(db);
      }
      task.run(connection);
      if (failing) {
        failing = false;
        log.info("database={} can {} again", db.name(), what);
      }
    } catch (SQLException | RuntimeException e) {
      onFailure.run();
      if (!failing) {
        failing = true;
        log.warn("database={} cannot {} (will keep trying): {}", db.name(), what, e.getMessage());
      }
      closeConnection();
    }
  }

  private void closeConnection() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      log.debug("database={} closing the connection to {}: {}", db.name(), what, e.getMessage());
    }
    connection = null;
  }

  @Override
  public void close() {
    runs.cancel(true);
    closeConnection();
  }
}

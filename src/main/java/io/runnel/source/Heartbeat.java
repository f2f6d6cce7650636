package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a tiny transactional logical message every {@code heartbeat_interval_ms}, so a slot on a
 * quiet database — or one whose changes are all filtered out — still sees commits to acknowledge
 * and the server can recycle its WAL. The decoder skips the message itself. Owns one scheduler
 * thread; {@link #close} stops it.
 */
public final class Heartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
  static final String PREFIX = "runnel:heartbeat";

  private final DatabaseConfig db;
  private final ScheduledExecutorService scheduler;
  private Connection connection;

  private Heartbeat(DatabaseConfig db) {
    this.db = db;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("runnel-heartbeat-" + db.name()).daemon().factory());
  }

  /** Starts beating, or returns null when the database's interval is 0 (disabled). */
  public static Heartbeat start(DatabaseConfig db) {
    if (db.heartbeatIntervalMs() <= 0) {
      return null;
    }
    Heartbeat heartbeat = new Heartbeat(db);
    heartbeat.scheduler.scheduleWithFixedDelay(
        heartbeat::beat, db.heartbeatIntervalMs(), db.heartbeatIntervalMs(), TimeUnit.MILLISECONDS);
    return heartbeat;
  }

  private void beat() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = Connections.open(db);
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_logical_emit_message(true, '" + PREFIX + "', now()::text)");
      }
    } catch (SQLException e) {
      log.warn("database={} heartbeat failed (will try again): {}", db.name(), e.getMessage());
      closeConnection();
    }
  }

  private void closeConnection() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      log.debug("database={} closing heartbeat connection: {}", db.name(), e.getMessage());
    }
    connection = null;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeConnection();
  }
}

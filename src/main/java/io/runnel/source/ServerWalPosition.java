package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's current WAL position ({@code pg_current_wal_lsn()}), polled every few seconds on its
 * own connection, for the replication lag metric.
 *
 * <p>Why a query rather than the position the replication stream reports: the stream only tells how
 * far the walsender has <em>sent</em>, and while Runnel's buffers are full it stops reading, so
 * exactly when lag grows the stream's view stands still. One trivial query every 5 seconds per
 * database is cheap. Owns one scheduler thread; {@link #close} stops it. {@link #latest} is safe
 * from any thread.
 */
public final class ServerWalPosition implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerWalPosition.class);
  private static final long POLL_INTERVAL_MS = 5_000;

  private final DatabaseConfig db;
  private final ScheduledExecutorService scheduler;
  private Connection connection;
  private boolean failing;
  private volatile Lsn latest;

  private ServerWalPosition(DatabaseConfig db) {
    this.db = db;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("runnel-wal-position-" + db.name()).daemon().factory());
  }

  /** Starts polling at once and then every 5 seconds. */
  public static ServerWalPosition start(DatabaseConfig db) {
    ServerWalPosition position = new ServerWalPosition(db);
    position.scheduler.scheduleWithFixedDelay(
        position::poll, 0, POLL_INTERVAL_MS, TimeUnit.MILLISECONDS);
    return position;
  }

  /** The position from the last successful poll; null before one succeeded or after one failed. */
  public Lsn latest() {
    return latest;
  }

  private void poll() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = Connections.open(db);
      }
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
        row.next();
        latest = Lsn.parse(row.getString(1));
      }
      if (failing) {
        failing = false;
        log.info("database={} reading the server's WAL position again", db.name());
      }
    } catch (SQLException | RuntimeException e) {
      latest = null;
      if (!failing) {
        failing = true;
        log.warn(
            "database={} cannot read the server's WAL position (lag metric unknown until it"
                + " can): {}",
            db.name(),
            e.getMessage());
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
      log.debug("database={} closing WAL position connection: {}", db.name(), e.getMessage());
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

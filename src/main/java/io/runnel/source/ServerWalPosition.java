package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The server's current WAL position ({@code pg_current_wal_lsn()}), polled every few seconds on its
 * own connection, for the replication lag metric.
 *
 * <p>Why a query rather than the position the replication stream reports: the stream only tells how
 * far the walsender has <em>sent</em>, and while Runnel's buffers are full it stops reading, so
 * exactly when lag grows the stream's view stands still. One trivial query every 5 seconds per
 * database is cheap. Runs on the given scheduler, on its own connection; {@link #close} closes it.
 * {@link #latest} is safe from any thread.
 */
public final class ServerWalPosition implements AutoCloseable {
  private static final long POLL_INTERVAL_MS = 5_000;

  private volatile Lsn latest;
  private PeriodicQuery query;

  private ServerWalPosition() {}

  /** Starts polling at once and then every 5 seconds. */
  public static ServerWalPosition start(DatabaseConfig db, ScheduledExecutorService scheduler) {
    ServerWalPosition position = new ServerWalPosition();
    position.query =
        PeriodicQuery.start(
            scheduler,
            db,
            "read the server's WAL position for the lag metric",
            0,
            POLL_INTERVAL_MS,
            position::poll,
            () -> position.latest = null);
    return position;
  }

  /** The position from the last successful poll; null before one succeeded or after one failed. */
  public Lsn latest() {
    return latest;
  }

  private void poll(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      row.next();
      latest = Lsn.parse(row.getString(1));
    }
  }

  @Override
  public void close() {
    query.close();
  }
}

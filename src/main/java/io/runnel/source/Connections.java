package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import io.runnel.jdbc.PgConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Connections to a source database (opened by {@link PgConnections}) and the classification of
 * their SQLStates. Stateless.
 */
public final class Connections {
  private static final String APPLICATION_NAME = "runnel";

  private Connections() {}

  /** A plain connection to a source database, named {@code runnel} in {@code pg_stat_activity}. */
  public static Connection open(DatabaseConfig db) throws SQLException {
    return PgConnections.open(db, APPLICATION_NAME);
  }

  static Connection openReplication(DatabaseConfig db) throws SQLException {
    return PgConnections.openReplication(db, APPLICATION_NAME);
  }

  /**
   * pgoutput prints values with the walsender's session settings, which pgjdbc takes from this JVM
   * (its time zone). Fix them, so ranges and intervals read the same wherever Runnel runs.
   */
  public static void useCanonicalOutput(Connection replication) throws SQLException {
    try (Statement sql = replication.createStatement()) {
      sql.execute("SET TimeZone = 'UTC'");
      sql.execute("SET IntervalStyle = 'postgres'");
      sql.execute("SET DateStyle = 'ISO'");
      sql.execute("SET extra_float_digits = 3");
    }
  }

  /**
   * True for SQLStates that a later attempt may not see: connection, server-restart and resource
   * classes, and a slot still held by a previous connection.
   *
   * <p>A TLS failure ({@link io.runnel.jdbc.TlsException}: certificate untrusted, for another host
   * or expired; client key unreadable) keeps pgjdbc's connection class and so is transient here, on
   * purpose: at start every failure stops Runnel ({@code DatabaseRole.start}), so a wrong setting
   * never retries silently; when a running pipeline reconnects, it is retried with backoff and
   * shown on {@code /health} and in the log (a renewed server certificate or a finished failover
   * fixes it without a restart), and the slot keeps every change meanwhile.
   */
  public static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return state == null
        || state.startsWith("08")
        || state.startsWith("57P")
        || state.startsWith("53")
        || OBJECT_IN_USE.equals(state);
  }

  /** "replication slot is active for PID n": the slot is held by another connection. */
  static boolean isSlotInUse(SQLException e) {
    return OBJECT_IN_USE.equals(e.getSQLState());
  }

  /**
   * "replication slot ... does not exist" (42704), or "can no longer get changes from replication
   * slot" (55000, an invalidated slot): streaming it again cannot work.
   */
  static boolean isSlotGone(SQLException e) {
    return "42704".equals(e.getSQLState())
        || ("55000".equals(e.getSQLState())
            && e.getMessage() != null
            && e.getMessage().contains("can no longer get changes"));
  }

  /**
   * "replication slot is active for PID n". After a crash the old walsender holds the slot until it
   * notices its client is gone, so this is retried (and reported on /health meanwhile) rather than
   * fatal.
   */
  private static final String OBJECT_IN_USE = "55006";
}

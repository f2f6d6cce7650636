package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Opens JDBC connections to a configured database: plain ones, and replication ones; and classifies
 * their SQLStates. Stateless.
 */
public final class Connections {
  private Connections() {}

  public static Connection open(DatabaseConfig db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), properties(db));
  }

  /** A plain connection that shows as {@code applicationName} in {@code pg_stat_activity}. */
  public static Connection open(DatabaseConfig db, String applicationName) throws SQLException {
    Properties props = properties(db);
    PGProperty.APPLICATION_NAME.set(props, applicationName);
    return DriverManager.getConnection(db.jdbcUrl(), props);
  }

  static Connection openReplication(DatabaseConfig db) throws SQLException {
    Properties props = properties(db);
    PGProperty.REPLICATION.set(props, "database");
    PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
    PGProperty.PREFER_QUERY_MODE.set(props, "simple");
    return DriverManager.getConnection(db.jdbcUrl(), props);
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

  private static Properties properties(DatabaseConfig db) {
    Properties props = new Properties();
    PGProperty.USER.set(props, db.username());
    if (db.password() != null) {
      PGProperty.PASSWORD.set(props, db.password());
    }
    PGProperty.APPLICATION_NAME.set(props, "runnel");
    PGProperty.CONNECT_TIMEOUT.set(props, 10);
    PGProperty.TCP_KEEP_ALIVE.set(props, true);
    return props;
  }

  /**
   * True for SQLStates that a later attempt may not see: connection, server-restart and resource
   * classes, and a slot still held by a previous connection.
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

package io.runnel.state;

import io.runnel.config.CheckResult;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.RunnelConfig;
import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.decode.TableId;
import io.runnel.jdbc.PgConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code validate --connect}: whether Runnel's user may set up its state store as {@link
 * Migrations} does — schema {@code runnel} exists and the user has {@code USAGE} and {@code CREATE}
 * on it (and may read and write the tables already in it), or it is missing and the user has {@code
 * CREATE} on the database. Whether its tables exist or are current is left to the migrations.
 * Checks each state store once (the source database of every database an enabled sink reads, or
 * {@code state.url}); read-only. Blocks (10 s connect timeout per store); stateless and
 * thread-safe.
 */
public final class StateStoreChecks {
  private static final String APPLICATION_NAME = "runnel";
  private static final String PRIVILEGES =
      "SELECT current_database(),"
          + " (SELECT has_schema_privilege(n.oid, 'USAGE') FROM pg_namespace n"
          + " WHERE n.nspname = 'runnel'),"
          + " (SELECT has_schema_privilege(n.oid, 'CREATE') FROM pg_namespace n"
          + " WHERE n.nspname = 'runnel'),"
          + " has_database_privilege(current_database(), 'CREATE')";
  private static final String UNWRITABLE =
      "SELECT 'runnel.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'runnel' AND c.relkind IN ('r', 'p')"
          + " AND NOT has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE') ORDER BY 1";

  private StateStoreChecks() {}

  /** Every failed check, in config order; empty when all pass. */
  public static List<CheckResult> check(RunnelConfig config) {
    List<CheckResult> results = new ArrayList<>();
    Set<String> checked = new HashSet<>();
    for (int i = 0; i < config.databases().size(); i++) {
      DatabaseConfig source = config.databases().get(i);
      if (config.sinks().stream()
          .noneMatch(
              s -> s.database().equals(source.name()) && s.status() != SinkStatus.DISABLED)) {
        continue;
      }
      DatabaseConfig store = config.state().database(source);
      if (checked.add(store.jdbcUrl() + " " + store.username())) {
        boolean ownUrl = config.state().url() != null;
        check(store, ownUrl ? "state.url" : "databases[" + i + "]", ownUrl, results);
      }
    }
    return List.copyOf(results);
  }

  /**
   * Checks one store; a source database that cannot be reached is reported by the source checks, a
   * separate {@code state.url} here.
   */
  private static void check(
      DatabaseConfig store, String path, boolean ownUrl, List<CheckResult> results) {
    Connection connection;
    try {
      connection = PgConnections.open(store, APPLICATION_NAME);
    } catch (SQLException e) {
      if (ownUrl) {
        results.add(
            CheckResult.error(path, "cannot connect to the state store " + where(store, e)));
      }
      return;
    }
    try (connection;
        Statement sql = connection.createStatement()) {
      String problem;
      try (ResultSet row = sql.executeQuery(PRIVILEGES)) {
        row.next();
        problem = problem(store.username(), row);
      }
      if (problem == null) {
        problem = unwritableTables(store.username(), sql);
      }
      if (problem != null) {
        results.add(CheckResult.error(path, problem));
      }
    } catch (SQLException e) {
      results.add(CheckResult.error(path, "state store check failed on " + where(store, e)));
    }
  }

  /**
   * The tables already in schema runnel that {@code user} may not read and write (made by another
   * user), with the grant; null when there are none.
   */
  private static String unwritableTables(String user, Statement sql) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(UNWRITABLE)) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    if (tables.isEmpty()) {
      return null;
    }
    return "user "
        + user
        + " may not read and write "
        + String.join(", ", tables)
        + " of the state store: run GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA"
        + " runnel TO "
        + TableId.quote(user)
        + ";";
  }

  /**
   * What keeps {@code user} from using schema runnel, with the SQL that fixes it; null: nothing.
   */
  static String problem(String user, ResultSet row) throws SQLException {
    String database = row.getString(1);
    boolean exists = row.getObject(2) != null;
    boolean usage = row.getBoolean(2);
    boolean create = row.getBoolean(3);
    String role = TableId.quote(user);
    if (!exists && !row.getBoolean(4)) {
      return "the state store needs schema runnel in database \""
          + database
          + "\", which is missing, and user "
          + user
          + " may not create it: run GRANT CREATE ON DATABASE "
          + TableId.quote(database)
          + " TO "
          + role
          + "; or, as an administrator, CREATE SCHEMA runnel AUTHORIZATION "
          + role
          + ";";
    }
    if (exists && !(usage && create)) {
      return "user "
          + user
          + " lacks "
          + (usage ? "CREATE" : create ? "USAGE" : "USAGE and CREATE")
          + " on schema runnel in database \""
          + database
          + "\", the state store: run GRANT USAGE, CREATE ON SCHEMA runnel TO "
          + role
          + "; (or ALTER SCHEMA runnel OWNER TO "
          + role
          + ";)";
    }
    return null;
  }

  /** {@code host:port/database as user: message}, the password masked. */
  private static String where(DatabaseConfig store, SQLException e) {
    String message = e.getMessage() == null ? "(no message)" : e.getMessage();
    String password = store.password();
    if (password != null && !password.isEmpty()) {
      message = message.replace(password, "****");
    }
    return store.hostname()
        + ":"
        + store.port()
        + "/"
        + store.database()
        + " as "
        + store.username()
        + ": "
        + message;
  }
}

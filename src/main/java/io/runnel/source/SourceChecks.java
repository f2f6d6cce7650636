package io.runnel.source;

import io.runnel.config.CheckResult;
import io.runnel.config.DatabaseAuth;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.RunnelConfig;
import io.runnel.config.SinkConfig;
import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.decode.TableId;
import io.runnel.jdbc.PasswordUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code runnel validate --connect} against each database that an enabled sink reads: reachable,
 * {@code wal_level = logical}, replication privilege, and a usable slot; {@link PublicationChecks}
 * then checks the publication and the sinks' tables, {@link SelectChecks} that backfills may read
 * them. Read-only: creates nothing. Blocks (each connection attempt times out after 10 s); not
 * thread-safe, but {@link #check} is.
 */
public final class SourceChecks {
  private final DatabaseConfig db;
  private final String path;
  private final List<CheckResult> results = new ArrayList<>();

  private SourceChecks(DatabaseConfig db, String path) {
    this.db = db;
    this.path = path;
  }

  /** Every failed check and warning, in config order; empty when all pass. */
  public static List<CheckResult> check(RunnelConfig config) {
    List<CheckResult> results = new ArrayList<>();
    for (int i = 0; i < config.databases().size(); i++) {
      DatabaseConfig db = config.databases().get(i);
      List<PublicationChecks.IndexedSink> sinks = new ArrayList<>();
      for (int j = 0; j < config.sinks().size(); j++) {
        SinkConfig sink = config.sinks().get(j);
        if (sink.database().equals(db.name()) && sink.status() != SinkStatus.DISABLED) {
          sinks.add(new PublicationChecks.IndexedSink("sinks[" + j + "]", sink));
        }
      }
      if (!sinks.isEmpty()) {
        results.addAll(new SourceChecks(db, "databases[" + i + "]").run(sinks));
      }
    }
    if (config.state().url() != null && !config.databases().isEmpty()) {
      CheckResult unverified =
          TlsCheck.warning(config.state().database(config.databases().get(0)), "state");
      if (unverified != null) {
        results.add(unverified);
      }
    }
    return List.copyOf(results);
  }

  private List<CheckResult> run(List<PublicationChecks.IndexedSink> sinks) {
    CheckResult unverified = TlsCheck.warning(db, path);
    if (unverified != null) {
      results.add(unverified);
    }
    Connection connection;
    try {
      connection = Connections.open(db);
    } catch (SQLException e) {
      results.add(CheckResult.error(path, unreachable(e)));
      return results;
    }
    try (connection) {
      walLevel(connection);
      boolean superuser = replicationPrivilege(connection);
      slot(connection);
      new FailoverChecks(db, path, results).run(connection);
      new PublicationChecks(db, path, sinks, superuser, results).run(connection);
      new SelectChecks(db, sinks, results).run(connection);
    } catch (SQLException e) {
      results.add(CheckResult.error(path, "check failed: " + masked(e.getMessage())));
    }
    return results;
  }

  private String unreachable(SQLException e) {
    if (e instanceof PasswordUnavailableException) {
      return e.getMessage();
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String fix =
        switch (state) {
          case "28P01", "28000" -> loginFix();
          case "3D000" -> "the database does not exist: create it, or fix database";
          default ->
              "check hostname, port and sslmode, and that PostgreSQL runs and accepts TCP"
                  + " connections from here (listen_addresses, pg_hba.conf, firewall)";
        };
    return "cannot connect to "
        + db.hostname()
        + ":"
        + db.port()
        + "/"
        + db.database()
        + " as "
        + db.username()
        + ": "
        + masked(e.getMessage())
        + " — "
        + fix;
  }

  /** What to check when the server refused the login, for the way this database logs in. */
  private String loginFix() {
    return switch (db.auth()) {
      case DatabaseAuth.Iam iam ->
          "check that IAM database authentication is on for the instance, that the role has"
              + " GRANT rds_iam, and that the AWS credentials may rds-db:connect to"
              + " arn:aws:rds-db:"
              + iam.region()
              + ":<account>:dbuser:<resource id>/"
              + db.username();
      case DatabaseAuth.PasswordFile file ->
          "check username and the password in "
              + file.path()
              + ", and that pg_hba.conf admits this host and user";
      default -> "check username and password, and that pg_hba.conf admits this host and user";
    };
  }

  private void walLevel(Connection connection) throws SQLException {
    String level = single(connection, "SHOW wal_level");
    if (!"logical".equals(level)) {
      results.add(
          CheckResult.error(
              path,
              "wal_level is "
                  + level
                  + ", logical replication needs logical: run ALTER SYSTEM SET wal_level ="
                  + " logical; and restart PostgreSQL (Amazon RDS/Aurora: set"
                  + " rds.logical_replication = 1 in the parameter group and reboot)"));
    }
  }

  /**
   * Checks the REPLICATION attribute (or rds_replication); returns whether the user is superuser.
   */
  private boolean replicationPrivilege(Connection connection) throws SQLException {
    String sql =
        "SELECT r.rolreplication, r.rolsuper, EXISTS (SELECT 1 FROM pg_roles g"
            + " WHERE g.rolname = 'rds_replication' AND pg_has_role(current_user, g.oid, 'member'))"
            + " FROM pg_roles r WHERE r.rolname = current_user";
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      boolean superuser = row.getBoolean(2);
      if (!row.getBoolean(1) && !superuser && !row.getBoolean(3)) {
        String role = TableId.quote(db.username());
        results.add(
            CheckResult.error(
                path + ".username",
                "user "
                    + db.username()
                    + " may not replicate: run ALTER ROLE "
                    + role
                    + " WITH REPLICATION; (Amazon RDS: GRANT rds_replication TO "
                    + role
                    + ";)"));
      }
      return superuser;
    }
  }

  private void slot(Connection connection) throws SQLException {
    String sql =
        "SELECT plugin, database, active, active_pid, (SELECT application_name FROM"
            + " pg_stat_activity a WHERE a.pid = s.active_pid) FROM pg_replication_slots s"
            + " WHERE slot_name = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, db.slotName());
      try (ResultSet slot = query.executeQuery()) {
        if (slot.next()) {
          boolean runnel = "runnel".equals(slot.getString(5));
          existingSlot(
              slot.getString(1), slot.getString(2), slot.getBoolean(3) && !runnel, slot.getInt(4));
          if (runnel) {
            results.add(
                CheckResult.warning(
                    path + ".slot",
                    "replication slot \""
                        + db.slotName()
                        + "\" is being streamed by a running Runnel instance (active_pid "
                        + slot.getInt(4)
                        + "); another instance on this config stands by until it stops"));
          }
        } else {
          missingSlot(connection);
        }
      }
    }
  }

  private void existingSlot(String plugin, String database, boolean active, int activePid) {
    String slot = "replication slot \"" + db.slotName() + "\"";
    String drop = "SELECT pg_drop_replication_slot('" + literal(db.slotName()) + "');";
    if (!"pgoutput".equals(plugin)) {
      results.add(
          CheckResult.error(
              path + ".slot",
              slot
                  + " uses plugin "
                  + plugin
                  + ", Runnel needs pgoutput: choose another slot name, or drop it with "
                  + drop));
    } else if (!db.database().equals(database)) {
      results.add(
          CheckResult.error(
              path + ".slot",
              slot
                  + " belongs to database \""
                  + database
                  + "\", not \""
                  + db.database()
                  + "\": choose another slot name"));
    } else if (active) {
      results.add(
          CheckResult.error(
              path + ".slot",
              slot
                  + " is in use by another connection (active_pid "
                  + activePid
                  + "): a slot has one reader; stop that consumer (or run SELECT"
                  + " pg_terminate_backend("
                  + activePid
                  + ");), or choose another slot name"));
    }
  }

  private void missingSlot(Connection connection) throws SQLException {
    String create =
        "SELECT pg_create_logical_replication_slot('" + literal(db.slotName()) + "', 'pgoutput');";
    if (!db.createSlot()) {
      results.add(
          CheckResult.error(
              path + ".slot",
              "replication slot \""
                  + db.slotName()
                  + "\" does not exist: create it with "
                  + create
                  + " or set slot.create_if_not_exists: true"));
      return;
    }
    int max = Integer.parseInt(single(connection, "SHOW max_replication_slots"));
    int used = Integer.parseInt(single(connection, "SELECT count(*) FROM pg_replication_slots"));
    if (used >= max) {
      results.add(
          CheckResult.error(
              path + ".slot",
              "replication slot \""
                  + db.slotName()
                  + "\" cannot be created: all "
                  + max
                  + " slots (max_replication_slots) are in use; drop an unused one with"
                  + " SELECT pg_drop_replication_slot('name'); or run ALTER SYSTEM SET"
                  + " max_replication_slots = "
                  + (max + 1)
                  + "; and restart PostgreSQL"));
    }
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }

  /** The driver's message without the password, should a server or driver ever echo it. */
  private String masked(String message) {
    String text = message == null ? "(no message)" : message;
    String password = db.password();
    return password == null || password.isEmpty() ? text : text.replace(password, "****");
  }

  static String literal(String text) {
    return text.replace("'", "''");
  }
}

package io.runnel.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates schema {@code runnel} when it is missing and applies the versioned migrations in {@code
 * /db} that are not applied yet, all in one transaction, under an advisory lock so two instances
 * starting at once do not race. A schema created beforehand by an administrator is used as it is,
 * so the user then needs no {@code CREATE} privilege on the database.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final List<String> SCRIPTS =
      List.of("V1__messages.sql", "V2__sink_pause.sql", "V3__backfills.sql", "V4__slots.sql");
  private static final long LOCK_KEY = 0x52756e6e656cL; // "Runnel"

  private Migrations() {}

  static void apply(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement sql = connection.createStatement()) {
      sql.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      if (!schemaExists(sql)) {
        sql.execute("CREATE SCHEMA runnel");
      }
      sql.execute(
          "CREATE TABLE IF NOT EXISTS runnel.schema_version (version int PRIMARY KEY,"
              + " applied_at timestamptz NOT NULL DEFAULT now())");
      int current = currentVersion(sql);
      if (current > SCRIPTS.size()) {
        log.warn(
            "state store: schema runnel is at version {}, newer than this Runnel knows ({}): a newer"
                + " release migrated it; running on the tables this release knows",
            current,
            SCRIPTS.size());
      }
      for (int version = current + 1; version <= SCRIPTS.size(); version++) {
        sql.execute(script(SCRIPTS.get(version - 1)));
        sql.execute("INSERT INTO runnel.schema_version (version) VALUES (" + version + ")");
        log.info("state store: applied migration {}", SCRIPTS.get(version - 1));
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static boolean schemaExists(Statement sql) throws SQLException {
    try (ResultSet rows = sql.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = 'runnel'")) {
      return rows.next();
    }
  }

  private static int currentVersion(Statement sql) throws SQLException {
    try (ResultSet rows =
        sql.executeQuery("SELECT coalesce(max(version), 0) FROM runnel.schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static String script(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream("/db/" + name)) {
      if (in == null) {
        throw new IllegalStateException("migration " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }
}

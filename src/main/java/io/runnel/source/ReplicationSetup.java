package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;
import io.runnel.decode.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a database's publication and replication slot exist (creating them when the config
 * allows), and reads where streaming resumes. Blocks; call before streaming starts.
 */
public final class ReplicationSetup {
  private static final Logger log = LoggerFactory.getLogger(ReplicationSetup.class);

  private final DatabaseConfig db;

  public ReplicationSetup(DatabaseConfig db) {
    this.db = db;
  }

  /**
   * Ensures publication and slot.
   *
   * @param tables the tables to publish when Runnel creates the publication; empty for all tables
   * @return the slot's confirmed flush LSN, where streaming resumes
   */
  public Lsn ensure(List<TableId> tables) {
    try (Connection connection = Connections.open(db)) {
      ensurePublication(connection, tables);
      return ensureSlot(connection);
    } catch (SQLException e) {
      throw new SourceException(
          "database " + db.name() + ": " + e.getMessage(), Connections.isTransient(e), e);
    }
  }

  private void ensurePublication(Connection connection, List<TableId> tables) throws SQLException {
    if (exists(
        connection, "SELECT 1 FROM pg_publication WHERE pubname = ?", db.publicationName())) {
      return;
    }
    String create =
        "CREATE PUBLICATION "
            + quote(db.publicationName())
            + (tables.isEmpty()
                ? " FOR ALL TABLES"
                : " FOR TABLE "
                    + tables.stream().map(TableId::quoted).collect(Collectors.joining(", ")))
            // Changes to a partition are reported under the configured (root) table.
            + " WITH (publish_via_partition_root = true)";
    if (!db.createPublication()) {
      throw new SourceException(
          "database "
              + db.name()
              + ": publication \""
              + db.publicationName()
              + "\" does not exist; create it with: "
              + create
              + ", or set publication.create_if_not_exists: true",
          false,
          null);
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(create);
    }
    log.info("database={} created publication: {}", db.name(), create);
  }

  private Lsn ensureSlot(Connection connection) throws SQLException {
    String find =
        "SELECT plugin, confirmed_flush_lsn::text, database FROM pg_replication_slots"
            + " WHERE slot_name = ?";
    try (PreparedStatement query = connection.prepareStatement(find)) {
      query.setString(1, db.slotName());
      try (ResultSet slot = query.executeQuery()) {
        if (slot.next()) {
          return existingSlot(slot.getString(1), slot.getString(2), slot.getString(3));
        }
      }
    }
    if (!db.createSlot()) {
      throw new SourceException(
          "database "
              + db.name()
              + ": replication slot \""
              + db.slotName()
              + "\" does not exist; create it with: SELECT pg_create_logical_replication_slot('"
              + db.slotName()
              + "', 'pgoutput'), or set slot.create_if_not_exists: true",
          false,
          null);
    }
    try (PreparedStatement create =
        connection.prepareStatement(
            "SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
      create.setString(1, db.slotName());
      try (ResultSet created = create.executeQuery()) {
        created.next();
        Lsn lsn = Lsn.parse(created.getString(1));
        log.info("database={} created replication slot {} at {}", db.name(), db.slotName(), lsn);
        return lsn;
      }
    }
  }

  private Lsn existingSlot(String plugin, String confirmedFlush, String database) {
    if (!db.database().equals(database)) {
      throw new SourceException(
          "database "
              + db.name()
              + ": replication slot \""
              + db.slotName()
              + "\" belongs to database \""
              + database
              + "\", not \""
              + db.database()
              + "\"",
          false,
          null);
    }
    if (!"pgoutput".equals(plugin)) {
      throw new SourceException(
          "database "
              + db.name()
              + ": replication slot \""
              + db.slotName()
              + "\" uses plugin "
              + plugin
              + "; Runnel needs a pgoutput slot",
          false,
          null);
    }
    if (confirmedFlush == null) {
      throw new SourceException(
          "database "
              + db.name()
              + ": replication slot \""
              + db.slotName()
              + "\" is not a logical slot or has been invalidated",
          false,
          null);
    }
    Lsn lsn = Lsn.parse(confirmedFlush);
    log.info("database={} resuming slot {} from {}", db.name(), db.slotName(), lsn);
    return lsn;
  }

  private static boolean exists(Connection connection, String sql, String name)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}

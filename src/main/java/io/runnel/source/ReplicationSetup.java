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
import java.util.Optional;
import java.util.function.Supplier;
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
   * @param lastAcknowledged the LSN the state store says the slot was last acknowledged up to
   *     (empty when Runnel never used it): a missing slot with such a past is an error, not
   *     something to create
   * @return the slot's confirmed flush LSN, where streaming resumes
   * @throws SourceException naming the slot when it is missing after use or invalidated
   */
  public Lsn ensure(List<TableId> tables, Supplier<Optional<Lsn>> lastAcknowledged) {
    try (Connection connection = Connections.open(db)) {
      ensurePublication(connection, tables);
      return ensureSlot(connection, lastAcknowledged);
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
    String create = createPublication(db.publicationName(), tables);
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

  private Lsn ensureSlot(Connection connection, Supplier<Optional<Lsn>> lastAcknowledged)
      throws SQLException {
    // to_jsonb: the invalidation columns differ by version (conflicting 16+, invalidation_reason
    // 17+)
    String find =
        "SELECT plugin, confirmed_flush_lsn::text, database, to_jsonb(s)->>'wal_status',"
            + " to_jsonb(s)->>'conflicting', to_jsonb(s)->>'invalidation_reason'"
            + " FROM pg_replication_slots s WHERE slot_name = ?";
    try (PreparedStatement query = connection.prepareStatement(find)) {
      query.setString(1, db.slotName());
      try (ResultSet slot = query.executeQuery()) {
        if (slot.next()) {
          String invalidated =
              invalidation(slot.getString(4), slot.getString(5), slot.getString(6));
          if (invalidated != null) {
            Lsn confirmed = slot.getString(2) == null ? null : Lsn.parse(slot.getString(2));
            throw SlotLoss.of(db, invalidated, lastAcknowledged.get().orElse(confirmed));
          }
          return existingSlot(slot.getString(1), slot.getString(2), slot.getString(3));
        }
      }
    }
    Optional<Lsn> used = lastAcknowledged.get();
    if (used.isPresent()) {
      throw SlotLoss.of(db, "does not exist (any more)", used.get());
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
    return createSlot(connection);
  }

  /** Why the slot cannot stream any more, or null while it can. */
  static String invalidation(String walStatus, String conflicting, String reason) {
    if (reason != null) {
      return "was invalidated (invalidation_reason=" + reason + ")";
    }
    if ("lost".equals(walStatus)) {
      return "was invalidated (wal_status=lost: the server removed WAL it still needed)";
    }
    if ("true".equals(conflicting)) {
      return "was invalidated (conflicting=true: a conflict with recovery on a standby)";
    }
    return null;
  }

  /**
   * Creates the slot; on PostgreSQL 17+ as a failover slot, so a standby with {@code
   * sync_replication_slots = on} keeps a copy that survives the standby's promotion.
   */
  private Lsn createSlot(Connection connection) throws SQLException {
    boolean failover = connection.getMetaData().getDatabaseMajorVersion() >= 17;
    String sql =
        failover
            ? "SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput', false,"
                + " false, true)"
            : "SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput')";
    try (PreparedStatement create = connection.prepareStatement(sql)) {
      create.setString(1, db.slotName());
      try (ResultSet created = create.executeQuery()) {
        created.next();
        Lsn lsn = Lsn.parse(created.getString(1));
        log.info(
            "database={} created replication slot {} at {}{}",
            db.name(),
            db.slotName(),
            lsn,
            failover ? " (failover = true)" : "");
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

  /**
   * The statement that creates publication {@code name} for {@code tables} (all tables when empty),
   * as Runnel runs it and as {@code validate --connect} suggests it.
   */
  static String createPublication(String name, List<TableId> tables) {
    return "CREATE PUBLICATION "
        + TableId.quote(name)
        + (tables.isEmpty()
            ? " FOR ALL TABLES"
            : " FOR TABLE "
                + tables.stream().map(TableId::quoted).collect(Collectors.joining(", ")))
        // Changes to a partition are reported under the configured (root) table.
        + " WITH (publish_via_partition_root = true)";
  }
}

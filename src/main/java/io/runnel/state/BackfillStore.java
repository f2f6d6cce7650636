package io.runnel.state;

import io.runnel.config.DatabaseConfig;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

/**
 * Backfills in the state store (table {@code runnel.backfills}, created by the migrations {@link
 * PostgresStateStore#open} applies first). Opens a connection per call: backfills write once per
 * page, not per message. Thread-safe; every call blocks.
 */
public final class BackfillStore {
  private static final String COLUMNS =
      "id, sink, table_name, state, cursor_key, rows_read, rows_estimated, last_error, created_at,"
          + " updated_at";

  private static final String UPSERT =
      "INSERT INTO runnel.backfills ("
          + COLUMNS
          + """
          ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET state = excluded.state, cursor_key = excluded.cursor_key,
            rows_read = excluded.rows_read, last_error = excluded.last_error,
            updated_at = excluded.updated_at""";

  private final DatabaseConfig db;

  public BackfillStore(DatabaseConfig db) {
    this.db = db;
  }

  public void save(Backfill backfill) {
    try (Connection connection = PostgresStateStore.connect(db)) {
      Sql.update(
          connection,
          UPSERT,
          upsert -> {
            upsert.setString(1, backfill.id());
            upsert.setString(2, backfill.sink());
            upsert.setString(3, backfill.table());
            upsert.setString(4, backfill.state().wireName());
            upsert.setArray(
                5,
                backfill.cursor() == null
                    ? null
                    : connection.createArrayOf("text", backfill.cursor().toArray()));
            upsert.setLong(6, backfill.rowsRead());
            upsert.setLong(7, backfill.rowsEstimated());
            upsert.setString(8, backfill.lastError());
            upsert.setTimestamp(9, Timestamp.from(backfill.createdAt()));
            upsert.setTimestamp(10, Timestamp.from(backfill.updatedAt()));
          });
    } catch (SQLException e) {
      throw failed("save backfill " + backfill.id(), e);
    }
  }

  /** The sink's backfills, newest first; with {@code sink} null, every sink's. */
  public List<Backfill> list(String sink) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM runnel.backfills WHERE ? IS NULL OR sink = ? ORDER BY created_at DESC";
    try (Connection connection = PostgresStateStore.connect(db)) {
      return Sql.rows(connection, sql, Sql.values(sink, sink), BackfillStore::read);
    } catch (SQLException e) {
      throw failed("list backfills", e);
    }
  }

  private static Backfill read(ResultSet row) throws SQLException {
    Array cursor = row.getArray(5);
    return new Backfill(
        row.getString(1),
        row.getString(2),
        row.getString(3),
        Backfill.State.fromWireName(row.getString(4)),
        cursor == null ? null : Arrays.asList((String[]) cursor.getArray()),
        row.getLong(6),
        row.getLong(7),
        row.getString(8),
        row.getTimestamp(9).toInstant(),
        row.getTimestamp(10).toInstant());
  }

  private static StateStoreException failed(String what, SQLException e) {
    return new StateStoreException("state store: cannot " + what + ": " + e.getMessage(), e);
  }
}

package io.runnel.backfill;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Column;
import io.runnel.decode.Lsn;
import io.runnel.decode.Relation;
import io.runnel.decode.RelationCatalog;
import io.runnel.decode.TableId;
import io.runnel.decode.Tuple;
import io.runnel.decode.WalEvent;
import io.runnel.source.Connections;
import io.runnel.source.JdbcRelationCatalog;
import io.runnel.source.SourceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table page by page in primary-key order, for backfills, with values in the same text form
 * pgoutput sends, and writes backfill watermarks to the WAL. One connection; not thread-safe.
 */
public final class TableReader implements AutoCloseable {
  private static final String COLUMNS_SQL =
      """
      SELECT c.oid, c.relreplident, a.attname, a.atttypid, a.atttypmod,
        format_type(a.atttypid, a.atttypmod)
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.oid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum""";

  private static final String WATERMARK_SQL =
      "SELECT pg_logical_emit_message(false, '" + WalEvent.Watermark.PREFIX + "', ?)";

  private final Connection connection;
  private final JdbcRelationCatalog catalog;
  private final Map<TableId, List<String>> keyTypes = new HashMap<>();

  private TableReader(Connection connection) {
    this.connection = connection;
    this.catalog = new JdbcRelationCatalog(connection);
  }

  /** Connects, with the session settings the replication connection uses. Blocks. */
  public static TableReader open(DatabaseConfig db) {
    try {
      Connection connection = Connections.open(db);
      Connections.useCanonicalOutput(connection);
      return new TableReader(connection);
    } catch (SQLException e) {
      throw failure("connect to database " + db.name(), e);
    }
  }

  /**
   * The table's columns (as pgoutput lists them) and primary key.
   *
   * @throws SourceException when the table does not exist
   */
  public Relation describe(TableId table) {
    try (PreparedStatement query = connection.prepareStatement(COLUMNS_SQL)) {
      query.setString(1, table.quoted());
      int oid = 0;
      char identity = 'd';
      List<Column> columns = new ArrayList<>();
      List<String> types = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          oid = rows.getInt(1);
          identity = rows.getString(2).charAt(0);
          columns.add(
              new Column(rows.getString(3), baseType(rows.getInt(4)), rows.getInt(5), false));
          types.add(rows.getString(6));
        }
      }
      if (columns.isEmpty()) {
        throw new SourceException("table " + table + " has no columns", false, null);
      }
      List<Integer> key = new ArrayList<>();
      List<String> keyTypeNames = new ArrayList<>();
      for (String name : catalog.primaryKey(oid, table)) {
        int column = indexOf(columns, name);
        key.add(column);
        keyTypeNames.add(types.get(column));
      }
      keyTypes.put(table, keyTypeNames);
      return new Relation(oid, table, identity, columns, key);
    } catch (SQLException e) {
      throw failure("read the columns of " + table, e);
    }
  }

  private int baseType(int typeOid) {
    return Integer.compareUnsigned(typeOid, RelationCatalog.FIRST_NON_BUILT_IN_OID) < 0
        ? typeOid
        : catalog.baseType(typeOid);
  }

  private static int indexOf(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("primary-key column " + name + " is not a table column");
  }

  /**
   * Up to {@code limit} rows whose key is greater than {@code after} (null: from the start), in key
   * order. Each value is the column's text form, as pgoutput sends it.
   */
  public List<Tuple> readPage(Relation relation, List<String> after, int limit) {
    String sql = PageQuery.sql(relation, keyTypes.get(relation.table()), after != null);
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      int parameter = 1;
      if (after != null) {
        for (String value : after) {
          query.setString(parameter++, value);
        }
      }
      query.setInt(parameter, limit);
      List<Tuple> page = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        int width = relation.columns().size();
        while (rows.next()) {
          Tuple.Builder row = new Tuple.Builder(width);
          for (int i = 1; i <= width; i++) {
            String value = rows.getString(i);
            if (value == null) {
              row.sqlNull();
            } else {
              row.text(value);
            }
          }
          page.add(row.build());
        }
      }
      return page;
    } catch (SQLException e) {
      throw failure("read a page of " + relation.table(), e);
    }
  }

  /** The planner's row estimate (for progress); -1 when the table was never analysed. */
  public long estimatedRows(TableId table) {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = ?::regclass")) {
      query.setString(1, table.quoted());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Math.max(-1, rows.getLong(1)) : -1;
      }
    } catch (SQLException e) {
      throw failure("estimate the size of " + table, e);
    }
  }

  /** Writes a non-transactional logical message the replication stream will carry. */
  public Lsn writeWatermark(String content) {
    try (PreparedStatement emit = connection.prepareStatement(WATERMARK_SQL)) {
      emit.setString(1, content);
      try (ResultSet rows = emit.executeQuery()) {
        rows.next();
        return Lsn.parse(rows.getString(1));
      }
    } catch (SQLException e) {
      throw failure("write a backfill watermark", e);
    }
  }

  private static SourceException failure(String what, SQLException e) {
    return new SourceException(
        "cannot " + what + ": " + e.getMessage(), Connections.isTransient(e), e);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing after use; nothing is left to lose
    }
  }
}

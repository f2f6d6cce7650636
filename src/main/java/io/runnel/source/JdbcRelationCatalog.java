package io.runnel.source;

import io.runnel.decode.RelationCatalog;
import io.runnel.decode.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads primary keys from {@code pg_index} and resolves domains through {@code pg_type}. Used by
 * the replication reader thread only (one connection, not thread-safe); primary keys are queried
 * once per Relation message, types once per OID (a domain's base type never changes).
 */
public final class JdbcRelationCatalog implements RelationCatalog {
  private static final String PRIMARY_KEY_SQL =
      """
      SELECT a.attname
      FROM pg_index i
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = ? AND i.indisprimary
      ORDER BY k.ord""";

  private static final String TYPE_SQL =
      """
      SELECT typtype, typbasetype, typelem, typcategory FROM pg_type WHERE oid = ?""";

  private static final String ARRAY_SQL = "SELECT typarray FROM pg_type WHERE oid = ?";

  /** {@code text[]}: arrays of non-built-in types carry their elements' text form. */
  private static final int TEXT_ARRAY = 1009;

  private final Connection connection;
  private final Map<Integer, Integer> baseTypes = new HashMap<>();

  public JdbcRelationCatalog(Connection connection) {
    this.connection = connection;
  }

  @Override
  public List<String> primaryKey(int relationOid, TableId table) {
    try (PreparedStatement query = connection.prepareStatement(PRIMARY_KEY_SQL)) {
      query.setInt(1, relationOid);
      List<String> columns = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
      return columns;
    } catch (SQLException e) {
      throw new SourceException(
          "cannot read the primary key of "
              + table
              + " (oid "
              + relationOid
              + "): "
              + e.getMessage(),
          Connections.isTransient(e),
          e);
    }
  }

  @Override
  public int baseType(int typeOid) {
    Integer cached = baseTypes.get(typeOid);
    if (cached != null) {
      return cached;
    }
    try {
      int base = resolve(typeOid, 0);
      baseTypes.put(typeOid, base);
      return base;
    } catch (SQLException e) {
      throw new SourceException(
          "cannot read type " + Integer.toUnsignedString(typeOid) + ": " + e.getMessage(),
          Connections.isTransient(e),
          e);
    }
  }

  private int resolve(int typeOid, int depth) throws SQLException {
    if (Integer.compareUnsigned(typeOid, FIRST_NON_BUILT_IN_OID) < 0 || depth > 32) {
      return typeOid;
    }
    try (PreparedStatement query = connection.prepareStatement(TYPE_SQL)) {
      query.setInt(1, typeOid);
      try (ResultSet type = query.executeQuery()) {
        if (!type.next()) {
          return typeOid; // dropped since the Relation message: its text form still works
        }
        if ("d".equals(type.getString(1))) {
          return resolve(type.getInt(2), depth + 1);
        }
        int element = type.getInt(3);
        if (element == 0 || !"A".equals(type.getString(4))) {
          return typeOid;
        }
        return arrayOf(resolve(element, depth + 1));
      }
    }
  }

  /** The array type over {@code element} when it is built in, else {@code text[]}. */
  private int arrayOf(int element) throws SQLException {
    if (Integer.compareUnsigned(element, FIRST_NON_BUILT_IN_OID) >= 0) {
      return TEXT_ARRAY;
    }
    try (PreparedStatement query = connection.prepareStatement(ARRAY_SQL)) {
      query.setInt(1, element);
      try (ResultSet type = query.executeQuery()) {
        int array = type.next() ? type.getInt(1) : 0;
        return array == 0 ? TEXT_ARRAY : array;
      }
    }
  }
}

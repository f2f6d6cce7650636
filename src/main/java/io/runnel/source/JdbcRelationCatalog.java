package io.runnel.source;

import io.runnel.decode.RelationCatalog;
import io.runnel.decode.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads primary keys from {@code pg_index}. Used by the replication reader thread only (one
 * connection, not thread-safe); queried once per Relation message.
 */
final class JdbcRelationCatalog implements RelationCatalog {
  private static final String PRIMARY_KEY_SQL =
      """
      SELECT a.attname
      FROM pg_index i
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = ? AND i.indisprimary
      ORDER BY k.ord""";

  private final Connection connection;

  JdbcRelationCatalog(Connection connection) {
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
}

package io.runnel.backfill;

import io.runnel.decode.Relation;
import io.runnel.decode.TableId;
import java.util.List;

/** The SQL that reads one backfill page: keyset pagination over the primary key. */
final class PageQuery {
  private PageQuery() {}

  /**
   * Selects every column as text (key columns are qualified: the output columns share their names
   * but sort as text), rows with a key greater than the parameters (one per key column, as text,
   * when {@code afterKey}), in key order, limited by the last parameter.
   *
   * @param keyTypes the SQL type of each key column, to cast the cursor's text back
   */
  static String sql(Relation relation, List<String> keyTypes, boolean afterKey) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < relation.columns().size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("r.")
          .append(TableId.quote(relation.columns().get(i).name()))
          .append("::text");
    }
    sql.append(" FROM ").append(relation.table().quoted()).append(" r");
    String key = keyColumns(relation);
    if (afterKey) {
      sql.append(" WHERE (").append(key).append(") > (");
      for (int i = 0; i < keyTypes.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(keyTypes.get(i)).append(')');
      }
      sql.append(')');
    }
    return sql.append(" ORDER BY ").append(key).append(" LIMIT ?").toString();
  }

  private static String keyColumns(Relation relation) {
    StringBuilder key = new StringBuilder();
    for (int column : relation.primaryKey()) {
      key.append(key.isEmpty() ? "" : ", ")
          .append("r.")
          .append(TableId.quote(relation.columns().get(column).name()));
    }
    return key.toString();
  }
}

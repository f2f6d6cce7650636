package io.runnel.decode;

import java.util.List;

/**
 * A table's shape as announced by a pgoutput Relation message, plus its primary key from the
 * catalog. Immutable; a schema change produces a new instance.
 *
 * @param oid the table's OID
 * @param replicaIdentity 'd' default, 'n' nothing, 'f' full, 'i' index
 * @param primaryKey indexes into {@code columns} of the primary-key columns, in key order; empty
 *     when the table has none
 */
public record Relation(
    int oid, TableId table, char replicaIdentity, List<Column> columns, List<Integer> primaryKey) {
  public Relation {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }

  public boolean hasPrimaryKey() {
    return !primaryKey.isEmpty();
  }

  /** Index of the column named {@code name}, or -1. */
  public int columnIndex(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}

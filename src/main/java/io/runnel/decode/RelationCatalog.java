package io.runnel.decode;

import java.util.List;

/**
 * Looks up what pgoutput does not say about a table. Called by the decoder once per Relation
 * message, on the replication reader thread; implementations may block on a catalog query.
 */
public interface RelationCatalog {

  /** Names of the table's primary-key columns in key order; empty when it has none. */
  List<String> primaryKey(int relationOid, TableId table);
}

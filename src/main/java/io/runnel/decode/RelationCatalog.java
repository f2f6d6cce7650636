package io.runnel.decode;

import java.util.List;

/**
 * Looks up what pgoutput does not say about a table. Called by the decoder once per Relation
 * message, on the replication reader thread; implementations may block on a catalog query.
 */
public interface RelationCatalog {

  /** Names of the table's primary-key columns in key order; empty when it has none. */
  List<String> primaryKey(int relationOid, TableId table);

  /**
   * The type a column of type {@code typeOid} is converted as: a domain's base type (through
   * domains over domains); for an array of domains, the array of their base type; for an array of a
   * non-built-in type (enum, composite, extension type), {@code text[]}, so its elements come out
   * as their text form; else {@code typeOid}. Called only for OIDs that are not built in (at least
   * {@link #FIRST_NON_BUILT_IN_OID}); the default changes nothing.
   */
  default int baseType(int typeOid) {
    return typeOid;
  }

  /**
   * PostgreSQL's {@code FirstGenbkiObjectId}: types below it are built in and never domains; {@code
   * information_schema} domains and all user types are at or above it.
   */
  int FIRST_NON_BUILT_IN_OID = 10_000;
}

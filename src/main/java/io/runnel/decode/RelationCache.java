package io.runnel.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relations announced on this replication session, by OID. pgoutput sends a Relation message
 * before the first change to a table in a session and again after the table's shape changed, so the
 * latest message always describes the tuples that follow it.
 *
 * <p>Tables in Runnel's own schema are cached (their changes must still be parsed past) but the
 * catalog is not asked about them: their changes are dropped. Not thread-safe.
 */
final class RelationCache {
  private static final Logger log = LoggerFactory.getLogger(RelationCache.class);

  /** Runnel's state tables live here; the decoder drops their changes (DESIGN.md §1). */
  static final String IGNORED_SCHEMA = "runnel";

  /** pgoutput writes the empty string for {@code pg_catalog} to save bytes. */
  private static final String PG_CATALOG = "pg_catalog";

  private static final byte KEY_FLAG = 1;

  private final RelationCatalog catalog;
  private final Map<Integer, Relation> byOid = new HashMap<>();

  RelationCache(RelationCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  static boolean ignored(Relation relation) {
    return IGNORED_SCHEMA.equals(relation.table().schema());
  }

  /** Reads a Relation message body (after the type byte), caches and returns it. */
  Relation read(PgOutputReader in) {
    int oid = in.int32("relation OID");
    String namespace = in.cString("namespace");
    TableId table = new TableId(namespace.isEmpty() ? PG_CATALOG : namespace, in.cString("name"));
    char replicaIdentity = (char) in.byte1("replica identity");
    short count = in.int16("column count");
    if (count < 0) {
      throw in.fail("negative column count " + count + " for " + table);
    }
    List<Column> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte flags = in.byte1("column flags");
      String name = in.cString("column name");
      int type = in.int32("column type");
      columns.add(new Column(name, type, in.int32("type modifier"), (flags & KEY_FLAG) != 0));
    }
    Relation shape = new Relation(oid, table, replicaIdentity, columns, List.of());
    Relation relation = ignored(shape) ? shape : withPrimaryKey(withBaseTypes(shape), in);
    byOid.put(oid, relation);
    return relation;
  }

  /** The relation with {@code oid}; fails when no Relation message announced it. */
  Relation get(int oid, PgOutputReader in) {
    Relation relation = byOid.get(oid);
    if (relation == null) {
      throw in.fail(
          "change for relation OID "
              + Integer.toUnsignedString(oid)
              + " that no Relation message announced ("
              + byOid.size()
              + " known)");
    }
    return relation;
  }

  /** Columns of domain (and other non-built-in) types typed as {@link RelationCatalog#baseType}. */
  private Relation withBaseTypes(Relation shape) {
    List<Column> columns = new ArrayList<>(shape.columns().size());
    for (Column column : shape.columns()) {
      int type = column.typeOid();
      boolean builtIn = Integer.compareUnsigned(type, RelationCatalog.FIRST_NON_BUILT_IN_OID) < 0;
      int base = builtIn ? type : catalog.baseType(type);
      columns.add(
          base == type
              ? column
              : new Column(column.name(), base, column.typeModifier(), column.replicaIdentity()));
    }
    return new Relation(
        shape.oid(), shape.table(), shape.replicaIdentity(), columns, shape.primaryKey());
  }

  /**
   * The catalog's primary key mapped onto the Relation message's columns. The catalog answers for
   * now, the message for when the change was written: replaying WAL from before a key column was
   * renamed or dropped, the names need not match. Failing then would stop the stream for good, so
   * the message's own identity columns are used instead (with default replica identity they are the
   * primary key of that time, in column order), or no key for other replica identities.
   */
  private Relation withPrimaryKey(Relation shape, PgOutputReader in) {
    List<String> names = catalog.primaryKey(shape.oid(), shape.table());
    if (names == null) {
      throw in.fail("catalog returned no primary-key list for " + shape.table());
    }
    List<Integer> key = new ArrayList<>(names.size());
    for (String name : names) {
      int index = shape.columnIndex(name);
      if (index < 0) {
        key = identityKey(shape);
        log.warn(
            "primary key {} of {} (oid {}) is not among the Relation message's columns {}: the"
                + " table changed after this change was written; using {} as its key",
            names,
            shape.table(),
            Integer.toUnsignedString(shape.oid()),
            shape.columns().stream().map(Column::name).toList(),
            key.stream().map(i -> shape.columns().get(i).name()).toList());
        break;
      }
      key.add(index);
    }
    return new Relation(shape.oid(), shape.table(), shape.replicaIdentity(), shape.columns(), key);
  }

  private static List<Integer> identityKey(Relation shape) {
    List<Integer> key = new ArrayList<>();
    for (int i = 0; shape.replicaIdentity() == 'd' && i < shape.columns().size(); i++) {
      if (shape.columns().get(i).replicaIdentity()) {
        key.add(i);
      }
    }
    return key;
  }
}

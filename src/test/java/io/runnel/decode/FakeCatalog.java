package io.runnel.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link RelationCatalog} with fixed primary keys that records every lookup. */
final class FakeCatalog implements RelationCatalog {
  final Map<TableId, List<String>> keys = new HashMap<>();
  final List<TableId> lookups = new ArrayList<>();

  /** The primary keys of the tables the fixtures use. */
  static FakeCatalog fixtures() {
    FakeCatalog catalog = new FakeCatalog();
    catalog.keys.put(new TableId("public", "orders"), List.of("id"));
    catalog.keys.put(new TableId("public", "docs"), List.of("id"));
    catalog.keys.put(new TableId("public", "line_items"), List.of("order_id", "line_no"));
    catalog.keys.put(new TableId("runnel", "cursors"), List.of("id"));
    return catalog;
  }

  @Override
  public List<String> primaryKey(int relationOid, TableId table) {
    lookups.add(table);
    return keys.getOrDefault(table, List.of());
  }
}

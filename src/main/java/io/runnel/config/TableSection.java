package io.runnel.config;

import io.runnel.decode.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads which tables a sink streams: {@code table:} (one table), {@code tables:} (a list with group
 * columns) or Sequin's {@code source:} include/exclude lists. Without {@code source:}, {@code
 * table}/{@code tables} select the tables; with it, {@code source:} selects and {@code tables:}
 * only sets group columns, so each listed table must be one that source includes.
 */
final class TableSection {
  static final KeyChecker.Keys TABLE_KEYS = KeyChecker.Keys.of("name", "group_column_names");
  static final KeyChecker.Keys SOURCE_KEYS =
      KeyChecker.Keys.of("include_schemas", "exclude_schemas", "include_tables", "exclude_tables");

  /** The tables listed and the filter that decides what is streamed. */
  record Selection(List<TableConfig> tables, SourceFilter source) {}

  private TableSection() {}

  /** The selection, or null when invalid. */
  static Selection read(Fields sink, boolean grouping) {
    int before = sink.problems().count();
    if (sink.has("table") && sink.has("tables")) {
      sink.problem("tables", "use either table or tables, not both");
    }
    if (sink.has("table") && sink.has("source")) {
      sink.problem("source", "use either table or source, not both");
    }
    List<TableConfig> tables = new ArrayList<>();
    if (sink.has("table")) {
      TableId id = tableId(sink, "table");
      if (id != null) {
        tables.add(new TableConfig(id, List.of()));
      }
    } else if (sink.has("tables")) {
      tables = tableList(sink, grouping);
    }
    SourceFilter source = sink.has("source") ? source(sink) : SourceFilter.ofTables(tables);
    if (sink.problems().count() > before) {
      return null;
    }
    if (sink.has("source")) {
      checkCovered(sink, tables, source);
    }
    return sink.problems().count() > before ? null : new Selection(tables, source);
  }

  private static List<TableConfig> tableList(Fields sink, boolean grouping) {
    List<TableConfig> tables = new ArrayList<>();
    List<YamlNode> items = sink.list("tables");
    Map<TableId, String> seen = new HashMap<>();
    for (YamlNode item : items == null ? List.<YamlNode>of() : items) {
      Fields entry = Fields.of(item, TABLE_KEYS, sink.problems());
      if (!entry.ok()) {
        continue;
      }
      TableId id = entry.get("name") == null ? missingName(entry) : tableId(entry, "name");
      List<String> columns = groupColumns(entry, grouping);
      if (id != null && seen.putIfAbsent(id, item.path()) != null) {
        entry.problem("name", "table listed twice (also in " + seen.get(id) + ")");
      } else if (id != null && columns != null) {
        tables.add(new TableConfig(id, columns));
      }
    }
    return tables;
  }

  private static TableId missingName(Fields entry) {
    entry.missing("name", "required");
    return null;
  }

  private static List<String> groupColumns(Fields entry, boolean grouping) {
    if (!entry.has("group_column_names")) {
      return List.of();
    }
    if (!grouping) {
      entry.problem("group_column_names", "not allowed with message_grouping: false");
      return null;
    }
    List<String> columns = entry.strings("group_column_names");
    if (columns != null && columns.isEmpty()) {
      entry.problem(
          "group_column_names",
          "must name at least one column " + "(leave it out to group by the primary key)");
      return null;
    }
    return columns;
  }

  private static SourceFilter source(Fields sink) {
    Fields source = Fields.of(sink.get("source"), SOURCE_KEYS, sink.problems());
    exclusive(source, "include_schemas", "exclude_schemas");
    exclusive(source, "include_tables", "exclude_tables");
    List<String> includeSchemas = schemas(source, "include_schemas");
    List<String> excludeSchemas = schemas(source, "exclude_schemas");
    List<TableId> includeTables = tables(source, "include_tables");
    List<TableId> excludeTables = tables(source, "exclude_tables");
    if (includeSchemas == null
        || excludeSchemas == null
        || includeTables == null
        || excludeTables == null) {
      return null;
    }
    return new SourceFilter(includeSchemas, excludeSchemas, includeTables, excludeTables);
  }

  private static void exclusive(Fields source, String include, String exclude) {
    if (source.has(include) && source.has(exclude)) {
      source.problem(exclude, "use either " + include + " or " + exclude + ", not both");
    }
  }

  private static List<String> schemas(Fields source, String key) {
    List<String> names = nonEmpty(source, key);
    List<String> schemas = new ArrayList<>();
    for (int i = 0; names != null && i < names.size(); i++) {
      try {
        schemas.add(TableId.parse(names.get(i) + ".t").schema());
      } catch (IllegalArgumentException e) {
        source.problems().at(source.get(key).items().get(i), "not a schema name");
        return null;
      }
    }
    return names == null && source.has(key) ? null : schemas;
  }

  private static List<TableId> tables(Fields source, String key) {
    List<String> names = nonEmpty(source, key);
    List<TableId> tables = new ArrayList<>();
    for (int i = 0; names != null && i < names.size(); i++) {
      try {
        tables.add(TableId.parse(names.get(i)));
      } catch (IllegalArgumentException e) {
        source.problems().at(source.get(key).items().get(i), tableMessage(e));
        return null;
      }
    }
    return names == null && source.has(key) ? null : tables;
  }

  private static List<String> nonEmpty(Fields source, String key) {
    List<String> names = source.strings(key);
    if (names != null && names.isEmpty()) {
      source.problem(key, "must not be empty (leave it out instead)");
      return null;
    }
    return names;
  }

  private static TableId tableId(Fields fields, String key) {
    String text = fields.text(key);
    if (text == null) {
      return null;
    }
    try {
      return TableId.parse(text);
    } catch (IllegalArgumentException e) {
      fields.problem(key, tableMessage(e));
      return null;
    }
  }

  private static String tableMessage(IllegalArgumentException e) {
    return e.getMessage().startsWith("not a table name")
        ? "not a table name (expected schema.table or table)"
        : e.getMessage();
  }

  private static void checkCovered(Fields sink, List<TableConfig> tables, SourceFilter source) {
    List<YamlNode> items = sink.get("tables") == null ? List.of() : sink.get("tables").items();
    for (int i = 0; i < tables.size(); i++) {
      if (!source.includes(tables.get(i).table())) {
        sink.problems().at(items.get(i).get("name"), "not streamed: source does not include it");
      }
    }
  }
}

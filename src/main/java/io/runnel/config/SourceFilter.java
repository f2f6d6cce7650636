package io.runnel.config;

import io.runnel.decode.TableId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tables of the publication a sink streams: Sequin's {@code source:} include/exclude lists,
 * or the tables a sink lists with {@code table:}/{@code tables:}. A table is streamed when it is
 * included (every table is, when both include lists are empty) and not excluded. Immutable.
 *
 * @param includeSchemas schemas whose tables are streamed
 * @param excludeSchemas schemas whose tables are never streamed
 * @param includeTables tables streamed in addition to the included schemas
 * @param excludeTables tables never streamed
 */
public record SourceFilter(
    List<String> includeSchemas,
    List<String> excludeSchemas,
    List<TableId> includeTables,
    List<TableId> excludeTables) {

  /** Every table in the publication. */
  public static final SourceFilter ALL =
      new SourceFilter(List.of(), List.of(), List.of(), List.of());

  public SourceFilter {
    includeSchemas = List.copyOf(includeSchemas);
    excludeSchemas = List.copyOf(excludeSchemas);
    includeTables = List.copyOf(includeTables);
    excludeTables = List.copyOf(excludeTables);
  }

  /** Exactly the listed tables ({@link #ALL} for none). */
  public static SourceFilter ofTables(List<TableConfig> tables) {
    List<TableId> ids = tables.stream().map(TableConfig::table).toList();
    return new SourceFilter(List.of(), List.of(), ids, List.of());
  }

  /** Whether changes of {@code table} are streamed. */
  public boolean includes(TableId table) {
    boolean included =
        (includeSchemas.isEmpty() && includeTables.isEmpty())
            || includeSchemas.contains(table.schema())
            || includeTables.contains(table);
    return included && !excludeSchemas.contains(table.schema()) && !excludeTables.contains(table);
  }

  /** Whether every table in the publication is streamed. */
  public boolean isAll() {
    return includeSchemas.isEmpty()
        && excludeSchemas.isEmpty()
        && includeTables.isEmpty()
        && excludeTables.isEmpty();
  }

  /**
   * The tables a publication Runnel creates for these sinks' sources must hold: every listed table,
   * or none (meaning all tables) when a source selects by schema or exclusion, or wants every
   * table.
   */
  public static List<TableId> publishedTables(List<SourceFilter> sources) {
    Set<TableId> tables = new LinkedHashSet<>();
    for (SourceFilter source : sources) {
      if (source.includeTables().isEmpty()
          || !source.includeSchemas().isEmpty()
          || !source.excludeSchemas().isEmpty()
          || !source.excludeTables().isEmpty()) {
        return List.of();
      }
      tables.addAll(source.includeTables());
    }
    return List.copyOf(tables);
  }
}

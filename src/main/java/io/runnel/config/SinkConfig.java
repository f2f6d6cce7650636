package io.runnel.config;

import io.runnel.decode.Action;
import io.runnel.decode.TableId;
import io.runnel.message.TimestampFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One SQS sink.
 *
 * @param database the database's name; filled in by the loader when only one is configured
 * @param tables the tables listed with {@code table:} or {@code tables:}, each with its group
 *     columns; without {@code source:} they are exactly the tables streamed (empty: every table in
 *     the publication); with {@code source:} they only set group columns
 * @param source which tables are streamed; use {@link #streams(TableId)}
 * @param maxRetryCount null retries forever
 * @param filter function name, or null for none (YAML {@code none})
 * @param transform function name, or null for none
 * @param routing function name, or null for none
 * @param annotations the YAML mapping as plain Java values (nulls allowed), insertion-ordered
 */
public record SinkConfig(
    String name,
    String database,
    SinkStatus status,
    List<TableConfig> tables,
    SourceFilter source,
    Set<Action> actions,
    int batchSize,
    boolean messageGrouping,
    Integer maxRetryCount,
    TimestampFormat timestampFormat,
    String filter,
    String transform,
    String routing,
    Map<String, Object> annotations,
    SqsDestination destination) {

  public static final int DEFAULT_BATCH_SIZE = 10;

  public SinkConfig {
    tables = List.copyOf(tables);
    actions = Set.copyOf(actions);
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** Whether {@code tables} names specific tables (see {@link #streams} for what is streamed). */
  public boolean hasTableList() {
    return !tables.isEmpty();
  }

  /** Whether this sink streams changes of {@code table} (before actions and filter function). */
  public boolean streams(TableId table) {
    return source.includes(table);
  }

  /** The columns whose values form the message group of {@code table}; empty: primary key. */
  public List<String> groupColumnNames(TableId table) {
    return tables.stream()
        .filter(t -> t.table().equals(table))
        .findFirst()
        .map(TableConfig::groupColumnNames)
        .orElse(List.of());
  }

  /** Lifecycle state set in YAML (and later through the API). */
  public enum SinkStatus {
    ACTIVE,
    PAUSED,
    DISABLED
  }
}

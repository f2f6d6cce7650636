package io.runnel.config;

import io.runnel.decode.Action;
import io.runnel.message.TimestampFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One SQS sink.
 *
 * @param database the database's name; filled in by the loader when only one is configured
 * @param tables the tables to stream; empty means every table in the publication
 * @param maxRetryCount null retries forever
 * @param filter function name, or null for none (YAML {@code none})
 * @param transform function name, or null for none
 * @param routing function name, or null for none
 */
public record SinkConfig(
    String name,
    String database,
    SinkStatus status,
    List<TableConfig> tables,
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
    annotations = Map.copyOf(annotations);
  }

  /** Whether {@code tables} names specific tables (otherwise: all in the publication). */
  public boolean hasTableList() {
    return !tables.isEmpty();
  }

  /** Lifecycle state set in YAML (and later through the API). */
  public enum SinkStatus {
    ACTIVE,
    PAUSED,
    DISABLED
  }
}

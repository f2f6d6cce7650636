package io.runnel.message;

import io.runnel.decode.TableId;
import java.util.List;
import java.util.Map;

/**
 * What a sink adds to every message besides the change itself. Immutable.
 *
 * @param groupColumns per table, the columns forming the group key instead of the primary key
 */
public record MessageContext(
    String consumerId,
    String consumerName,
    Map<String, Object> consumerAnnotations,
    String databaseId,
    String databaseName,
    String databaseDatabase,
    String databaseHostname,
    TimestampFormat timestampFormat,
    boolean messageGrouping,
    Map<TableId, List<String>> groupColumns) {
  public MessageContext {
    consumerAnnotations = Map.copyOf(consumerAnnotations);
    groupColumns = Map.copyOf(groupColumns);
  }
}

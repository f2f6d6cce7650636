package io.runnel.config;

import io.runnel.decode.TableId;
import java.util.List;

/**
 * A table a sink streams.
 *
 * @param groupColumnNames columns whose values form the message group; empty means the primary key
 */
public record TableConfig(TableId table, List<String> groupColumnNames) {
  public TableConfig {
    groupColumnNames = List.copyOf(groupColumnNames);
  }
}

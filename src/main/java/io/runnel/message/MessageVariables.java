package io.runnel.message;

import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.Tuple;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message's {@code record}, {@code changes} and {@code metadata} as Java values for functions
 * (DESIGN.md §6), built from the decoded change rather than by parsing the body, and only as far as
 * a function reads them: each is made on first request, and {@code record} and {@code metadata}
 * convert a value when it is first read. Values match the body: strings, {@link Long}, {@link
 * Double}, {@link Boolean}, lists, maps, and JSON null as the {@code jsonNull} given.
 *
 * <p>Not thread-safe: made and read on one thread, for one message.
 */
public final class MessageVariables {
  private static final String[] METADATA_KEYS = {
    "table_schema",
    "table_name",
    "commit_timestamp",
    "commit_lsn",
    "commit_idx",
    "idempotency_key",
    "record_pks",
    "database_name",
    "transaction_annotations",
    "enrichment",
    "consumer",
    "database"
  };
  private static final Map<String, Integer> METADATA_INDEX = indexOf(METADATA_KEYS);

  private final RelationPlan plan;
  private final BodyWriter bodyWriter;
  private final Change change;
  private final EncodedMessage encoded;
  private final Object jsonNull;
  private Map<String, Object> record;
  private Object changes;
  private Map<String, Object> metadata;

  MessageVariables(
      RelationPlan plan,
      BodyWriter bodyWriter,
      Change change,
      EncodedMessage encoded,
      Object jsonNull) {
    this.plan = plan;
    this.bodyWriter = bodyWriter;
    this.change = change;
    this.encoded = encoded;
    this.jsonNull = jsonNull;
  }

  /** {@code insert}, {@code update}, {@code delete} or {@code read}. */
  public String action() {
    return change.action().wireName();
  }

  /** The row, by column name. */
  public Map<String, Object> record() {
    if (record == null) {
      record =
          new LazyMap(plan.columnNames, plan.columnIndex) {
            @Override
            Object compute(int i) {
              Tuple row = change.record();
              if (row.isUnchangedToast(i) && !plan.oldValueKnown(change, i)) {
                return RelationPlan.UNCHANGED_TOAST;
              }
              return value(row.isUnchangedToast(i) ? change.oldRow() : row, i);
            }
          };
    }
    return record;
  }

  /** An update's changed columns' old values (a map), else {@code jsonNull}. */
  public Object changes() {
    if (changes == null) {
      if (change.action() != Action.UPDATE) {
        changes = jsonNull;
      } else {
        Map<String, Object> old = new LinkedHashMap<>();
        for (int i = 0; i < plan.columnNames.length; i++) {
          if (plan.changed(change, i)) {
            old.put(plan.columnNames[i], value(change.oldRow(), i));
          }
        }
        changes = old;
      }
    }
    return changes;
  }

  /** The message's {@code metadata}, as in the body. */
  public Map<String, Object> metadata() {
    if (metadata == null) {
      metadata =
          new LazyMap(METADATA_KEYS, METADATA_INDEX) {
            @Override
            Object compute(int i) {
              return metadataValue(i);
            }
          };
    }
    return metadata;
  }

  private Object value(Tuple row, int i) {
    String text = row.text(i);
    return text == null
        ? jsonNull
        : ColumnValues.read(plan.typeOids[i], plan.writers[i], text, jsonNull);
  }

  private Object metadataValue(int i) {
    return switch (i) {
      case 0 -> change.table().schema();
      case 1 -> change.table().name();
      case 2 -> PgTimestamps.formatInstant(change.commitTimestamp());
      case 3 -> change.commitLsn().value();
      case 4 -> (long) change.commitIdx();
      case 5 -> encoded.idempotencyKey();
      case 6 -> List.copyOf(encoded.recordPks());
      case 7 -> bodyWriter.databaseName();
      case 8 -> annotations();
      case 9 -> jsonNull;
      case 10 -> JsonValues.parse(bodyWriter.consumerJson(), jsonNull);
      default -> JsonValues.parse(bodyWriter.databaseJson(), jsonNull);
    };
  }

  private Object annotations() {
    String text = change.transactionAnnotations();
    if (text == null) {
      return jsonNull;
    }
    try {
      return JsonValues.parse(text, jsonNull);
    } catch (RuntimeException e) {
      return text; // the body shows text that is not JSON as a string, too
    }
  }

  private static Map<String, Integer> indexOf(String[] keys) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      index.put(keys[i], i);
    }
    return Map.copyOf(index);
  }
}

package io.runnel.message;

import io.runnel.decode.Change;
import io.runnel.decode.Relation;
import io.runnel.decode.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a decoded {@link Change} into the message of DESIGN.md §4: the JSON body plus the
 * idempotency key, group key and primary-key values that delivery needs.
 *
 * <p>Thread-safe; one per sink. Per-column work (choosing each type's converter, quoting names,
 * finding key columns) is done once per {@link Relation} and cached by the relation's OID; a schema
 * change arrives as a new Relation instance and replaces the entry, so the cache holds one entry
 * per table. Values that do not parse as their column type are written as their text rather than
 * failing the message.
 *
 * <p>Choices the contract leaves open: a key or group column that is SQL NULL (a delete whose
 * replica identity is not the primary key) or that the relation lacks counts as {@code ""} in
 * {@code record_pks} and the group key, as Sequin's {@code to_string(nil)} does; BC dates and
 * timestamps are written with astronomical years ({@code 0044-03-15 BC} is {@code -0043-03-15}), as
 * java.time and Elixir do.
 */
public final class MessageEncoder {
  private final MessageContext context;
  private final BodyWriter bodyWriter;
  private final ConcurrentHashMap<Integer, RelationPlan> plans = new ConcurrentHashMap<>();

  public MessageEncoder(MessageContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.bodyWriter = new BodyWriter(context);
  }

  /**
   * Encodes one change. Does not block.
   *
   * @throws IllegalArgumentException when the change's rows do not match its relation's columns
   */
  public EncodedMessage encode(Change change) {
    return encode(change, null);
  }

  /**
   * Encodes a backfill's {@code read} of a row: as {@link #encode}, but the idempotency key is
   * Base64 of {@code "<backfill_id>:<pk1>:<pk2>…"}, so reading a row again in the same backfill
   * (after a restart) is deduplicated.
   */
  public EncodedMessage encodeRead(Change change, String backfillId) {
    return encode(change, Objects.requireNonNull(backfillId, "backfillId"));
  }

  private EncodedMessage encode(Change change, String backfillId) {
    RelationPlan plan = plan(change.relation());
    checkWidth(change, change.newRow());
    checkWidth(change, change.oldRow());
    List<String> recordPks = values(plan, change, plan.primaryKey);
    String idempotencyKey =
        backfillId == null ? idempotencyKey(change) : readKey(backfillId, recordPks);
    String body = bodyWriter.write(plan, change, recordPks, idempotencyKey);
    return new EncodedMessage(body, idempotencyKey, groupKey(plan, change, recordPks), recordPks);
  }

  /**
   * The function variables of {@code change}, whose message {@link #encode} made as {@code
   * encoded}. Cheap: values are converted when a function reads them.
   *
   * @param jsonNull what stands for JSON null in the values (a function runtime's null)
   */
  public MessageVariables variables(Change change, EncodedMessage encoded, Object jsonNull) {
    return new MessageVariables(plan(change.relation()), bodyWriter, change, encoded, jsonNull);
  }

  /** Base64 (standard, padded) of {@code "<commit_lsn>:<commit_idx>"}. */
  static String idempotencyKey(Change change) {
    String key = Long.toUnsignedString(change.commitLsn().value()) + ":" + change.commitIdx();
    return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
  }

  /** Base64 (standard, padded) of {@code "<backfill_id>:<pk1>:<pk2>…"}. */
  static String readKey(String backfillId, List<String> recordPks) {
    String key = backfillId + ":" + String.join(":", recordPks);
    return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private String groupKey(RelationPlan plan, Change change, List<String> recordPks) {
    if (!context.messageGrouping()) {
      return null;
    }
    if (plan.groupColumns != null) {
      return String.join(":", values(plan, change, plan.groupColumns));
    }
    return recordPks.isEmpty() ? null : String.join(":", recordPks);
  }

  private static List<String> values(RelationPlan plan, Change change, int[] columns) {
    List<String> values = new ArrayList<>(columns.length);
    for (int column : columns) {
      values.add(plan.keyText(change, column));
    }
    return values;
  }

  private RelationPlan plan(Relation relation) {
    RelationPlan plan = plans.get(relation.oid());
    if (plan != null && plan.relation == relation) {
      return plan;
    }
    // The decoder makes a new instance for every Relation message, often with the same content
    // (the server resends them after a reconnect): reuse the converters then.
    RelationPlan fresh =
        plan != null && plan.relation.equals(relation)
            ? plan.withRelation(relation)
            : new RelationPlan(
                relation, context.timestampFormat(), context.groupColumns().get(relation.table()));
    plans.put(relation.oid(), fresh);
    return fresh;
  }

  private static void checkWidth(Change change, Tuple row) {
    int columns = change.relation().columns().size();
    if (row != null && row.size() != columns) {
      throw new IllegalArgumentException(
          "row of "
              + change.table()
              + " has "
              + row.size()
              + " values but its relation has "
              + columns
              + " columns (commit "
              + change.commitLsn()
              + ", index "
              + change.commitIdx()
              + ")");
    }
  }
}

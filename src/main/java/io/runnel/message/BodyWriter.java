package io.runnel.message;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.runnel.decode.Action;
import io.runnel.decode.Change;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the message body of DESIGN.md §4 with a streaming generator, keys in the contract's order.
 * The per-sink parts of {@code metadata} are serialised once, here. Thread-safe.
 */
final class BodyWriter {
  private static final SerializableString RECORD = new SerializedString("record");
  private static final SerializableString CHANGES = new SerializedString("changes");
  private static final SerializableString ACTION = new SerializedString("action");
  private static final SerializableString METADATA = new SerializedString("metadata");
  private static final SerializableString TABLE_SCHEMA = new SerializedString("table_schema");
  private static final SerializableString TABLE_NAME = new SerializedString("table_name");
  private static final SerializableString COMMIT_TIMESTAMP =
      new SerializedString("commit_timestamp");
  private static final SerializableString COMMIT_LSN = new SerializedString("commit_lsn");
  private static final SerializableString COMMIT_IDX = new SerializedString("commit_idx");
  private static final SerializableString IDEMPOTENCY_KEY = new SerializedString("idempotency_key");
  private static final SerializableString RECORD_PKS = new SerializedString("record_pks");
  private static final SerializableString[] ACTION_NAMES =
      Arrays.stream(Action.values())
          .map(action -> new SerializedString(action.wireName()))
          .toArray(SerializableString[]::new);

  private final String databaseName;

  /** The {@code consumer} and {@code database} objects: the same in every message of a sink. */
  private final String consumerJson;

  private final String databaseJson;

  BodyWriter(MessageContext context) {
    // Annotation maps have no order of their own; sorted keys keep bodies reproducible.
    ObjectMapper mapper =
        new ObjectMapper(JsonText.FACTORY).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    StringWriter consumer = new StringWriter();
    StringWriter database = new StringWriter();
    try (JsonGenerator out = JsonText.FACTORY.createGenerator(consumer)) {
      out.writeStartObject();
      out.writeStringField("id", context.consumerId());
      out.writeStringField("name", context.consumerName());
      out.writeFieldName("annotations");
      mapper.writeValue(out, context.consumerAnnotations());
      out.writeEndObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("consumer annotations are not JSON-serialisable", e);
    }
    try (JsonGenerator out = JsonText.FACTORY.createGenerator(database)) {
      out.writeStartObject();
      out.writeStringField("id", context.databaseId());
      out.writeStringField("name", context.databaseName());
      out.writeFieldName("annotations");
      out.writeStartObject();
      out.writeEndObject();
      out.writeStringField("database", context.databaseDatabase());
      out.writeStringField("hostname", context.databaseHostname());
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    consumerJson = consumer.toString();
    databaseJson = database.toString();
    databaseName = context.databaseName();
  }

  /** The sink's {@code metadata.consumer} object as JSON. */
  String consumerJson() {
    return consumerJson;
  }

  /** The sink's {@code metadata.database} object as JSON. */
  String databaseJson() {
    return databaseJson;
  }

  /** The database's name as {@code metadata.database_name} shows it. */
  String databaseName() {
    return databaseName;
  }

  String write(RelationPlan plan, Change change, List<String> recordPks, String idempotencyKey) {
    StringWriter body = new StringWriter(512);
    try (JsonGenerator out = JsonText.FACTORY.createGenerator(body)) {
      out.writeStartObject();
      out.writeFieldName(RECORD);
      writeRecord(out, plan, change);
      out.writeFieldName(CHANGES);
      writeChanges(out, plan, change);
      out.writeFieldName(ACTION);
      out.writeString(ACTION_NAMES[change.action().ordinal()]);
      out.writeFieldName(METADATA);
      writeMetadata(out, change, recordPks, idempotencyKey);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write message of " + change.table(), e);
    }
    return body.toString();
  }

  private static void writeRecord(JsonGenerator out, RelationPlan plan, Change change)
      throws IOException {
    out.writeStartObject();
    for (int i = 0; i < plan.names.length; i++) {
      out.writeFieldName(plan.names[i]);
      plan.writeRecordValue(out, change, i);
    }
    out.writeEndObject();
  }

  /**
   * An update's old values of the columns whose value changed; {@code {}} when the old row is
   * unknown. Columns the old row does not carry, and unchanged TOASTed values, are never listed.
   */
  private static void writeChanges(JsonGenerator out, RelationPlan plan, Change change)
      throws IOException {
    if (change.action() != Action.UPDATE) {
      out.writeNull();
      return;
    }
    out.writeStartObject();
    for (int i = 0; i < plan.names.length; i++) {
      if (plan.changed(change, i)) {
        out.writeFieldName(plan.names[i]);
        plan.writeValue(out, change.oldRow(), i);
      }
    }
    out.writeEndObject();
  }

  private void writeMetadata(
      JsonGenerator out, Change change, List<String> recordPks, String idempotencyKey)
      throws IOException {
    out.writeStartObject();
    out.writeFieldName(TABLE_SCHEMA);
    out.writeString(change.table().schema());
    out.writeFieldName(TABLE_NAME);
    out.writeString(change.table().name());
    out.writeFieldName(COMMIT_TIMESTAMP);
    out.writeString(PgTimestamps.formatInstant(change.commitTimestamp()));
    out.writeFieldName(COMMIT_LSN);
    out.writeNumber(Long.toUnsignedString(change.commitLsn().value()));
    out.writeFieldName(COMMIT_IDX);
    out.writeNumber(change.commitIdx());
    out.writeFieldName(IDEMPOTENCY_KEY);
    out.writeString(idempotencyKey);
    out.writeFieldName(RECORD_PKS);
    out.writeStartArray();
    for (String pk : recordPks) {
      out.writeString(pk);
    }
    out.writeEndArray();
    out.writeStringField("database_name", databaseName);
    out.writeFieldName("transaction_annotations");
    writeAnnotations(out, change.transactionAnnotations());
    out.writeNullField("enrichment");
    out.writeFieldName("consumer");
    out.writeRawValue(consumerJson);
    out.writeFieldName("database");
    out.writeRawValue(databaseJson);
    out.writeEndObject();
  }

  /** Embedded as JSON; text that is not JSON (the decoder should not pass it) as a string. */
  private static void writeAnnotations(JsonGenerator out, String annotations) throws IOException {
    if (annotations == null) {
      out.writeNull();
    } else if (!JsonText.writeEmbedded(out, annotations)) {
      out.writeString(annotations);
    }
  }
}

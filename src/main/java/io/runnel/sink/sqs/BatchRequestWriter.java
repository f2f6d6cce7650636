package io.runnel.sink.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.runnel.pipeline.OutboundMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a SendMessageBatch request (AWS JSON 1.0 protocol), written once as UTF-8: entry
 * ids are the batch positions, FIFO and group ids as DESIGN.md §4 says; an offloaded message also
 * carries its {@code ExtendedPayloadSize} attribute. Thread-safe.
 */
final class BatchRequestWriter {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String[] IDS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

  private final boolean messageGrouping;

  BatchRequestWriter(boolean messageGrouping) {
    this.messageGrouping = messageGrouping;
  }

  /** A byte buffer whose array is handed on without a copy. */
  static final class Body extends ByteArrayOutputStream {
    Body(int size) {
      super(size);
    }

    byte[] array() {
      return buf;
    }

    int length() {
      return count;
    }
  }

  Body write(SqsQueue queue, List<OutboundMessage> batch) {
    return write(queue, batch, Map.of());
  }

  /**
   * The request for {@code batch}.
   *
   * @param extendedSizes the original body size of each offloaded message (by identity); the others
   *     are absent
   */
  Body write(
      SqsQueue queue, List<OutboundMessage> batch, Map<OutboundMessage, Long> extendedSizes) {
    int estimate = 128 + queue.url().length();
    for (OutboundMessage message : batch) {
      estimate += message.sizeBytes() + message.sizeBytes() / 8 + 160;
    }
    Body body = new Body(estimate);
    try (JsonGenerator json = JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("QueueUrl", queue.url());
      json.writeArrayFieldStart("Entries");
      for (int i = 0; i < batch.size(); i++) {
        OutboundMessage message = batch.get(i);
        writeEntry(json, queue, entryId(i), message, extendedSizes.get(message));
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a SendMessageBatch request", e);
    }
    return body;
  }

  static String entryId(int index) {
    return index < IDS.length ? IDS[index] : Integer.toString(index);
  }

  private void writeEntry(
      JsonGenerator json, SqsQueue queue, String id, OutboundMessage message, Long extendedSize)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("Id", id);
    json.writeStringField("MessageBody", message.body());
    if (extendedSize != null) {
      json.writeObjectFieldStart("MessageAttributes");
      json.writeObjectFieldStart(PayloadPointer.SIZE_ATTRIBUTE);
      json.writeStringField("DataType", "Number");
      json.writeStringField("StringValue", extendedSize.toString());
      json.writeEndObject();
      json.writeEndObject();
    }
    if (queue.fifo()) {
      String deduplicationId = MessageIds.deduplicationId(message);
      json.writeStringField("MessageDeduplicationId", deduplicationId);
      json.writeStringField(
          "MessageGroupId", messageGrouping ? MessageIds.groupId(message) : deduplicationId);
    } else if (messageGrouping && message.groupKey() != null) {
      json.writeStringField("MessageGroupId", MessageIds.groupId(message));
    }
    json.writeEndObject();
  }
}

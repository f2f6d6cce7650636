package io.runnel.sink.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads SendMessageBatch answers (AWS JSON 1.0): one {@link Outcome} per entry, and the error of a
 * whole-request rejection. An entry the answer does not mention is retried, never assumed sent; an
 * accepted entry whose {@code MD5OfMessageBody} differs from the body sent is retried too (the body
 * was damaged on the way), and so is one whose {@code MD5OfMessageAttributes} differs from the
 * attribute sent (an offloaded message's {@code ExtendedPayloadSize}). Thread-safe.
 */
final class BatchResponseReader {
  private static final JsonFactory JSON = new JsonFactory();

  private BatchResponseReader() {}

  /** The outcomes of an answered request, and how many entries SQS accepted and refused. */
  record Answered(List<Outcome> outcomes, int successful, int failed) {}

  /** A whole-request error: its code (null when unknown) and message. */
  record Rejection(String code, String message) {}

  static Answered outcomes(byte[] answer, List<OutboundMessage> batch) throws IOException {
    return outcomes(answer, batch, Map.of());
  }

  /**
   * Like {@link #outcomes(byte[], List)}, for a batch whose offloaded messages (by identity) carry
   * {@code extendedSizes}.
   */
  static Answered outcomes(
      byte[] answer, List<OutboundMessage> batch, Map<OutboundMessage, Long> extendedSizes)
      throws IOException {
    Outcome[] outcomes = new Outcome[batch.size()];
    int successful = 0;
    int failed = 0;
    try (JsonParser json = JSON.createParser(answer)) {
      expect(json.nextToken(), JsonToken.START_OBJECT, json);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (value == JsonToken.START_ARRAY && field.equals("Successful")) {
          while (json.nextToken() == JsonToken.START_OBJECT) {
            successful += accepted(json, batch, extendedSizes, outcomes);
          }
        } else if (value == JsonToken.START_ARRAY && field.equals("Failed")) {
          while (json.nextToken() == JsonToken.START_OBJECT) {
            failed += refused(json, outcomes);
          }
        } else {
          json.skipChildren();
        }
      }
    }
    List<Outcome> list = new ArrayList<>(outcomes.length);
    for (int i = 0; i < outcomes.length; i++) {
      list.add(
          outcomes[i] != null
              ? outcomes[i]
              : Outcome.retry(
                  "SendMessageBatch answer did not mention entry "
                      + BatchRequestWriter.entryId(i)));
    }
    return new Answered(list, successful, failed);
  }

  private static int accepted(
      JsonParser json,
      List<OutboundMessage> batch,
      Map<OutboundMessage, Long> extendedSizes,
      Outcome[] outcomes)
      throws IOException {
    String id = null;
    String messageId = null;
    String md5 = null;
    String attributesMd5 = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "Id" -> id = json.getValueAsString();
        case "MessageId" -> messageId = json.getValueAsString();
        case "MD5OfMessageBody" -> md5 = json.getValueAsString();
        case "MD5OfMessageAttributes" -> attributesMd5 = json.getValueAsString();
        default -> json.skipChildren();
      }
    }
    int index = index(id, outcomes.length);
    if (index < 0) {
      return 0;
    }
    OutboundMessage message = batch.get(index);
    Long extendedSize = extendedSizes.get(message);
    if (md5 != null && !md5.equalsIgnoreCase(MessageIds.md5Hex(message.body()))) {
      outcomes[index] =
          Outcome.retry("MD5 of the body SQS received (" + md5 + ") differs from the body sent");
    } else if (extendedSize != null
        && attributesMd5 != null
        && !attributesMd5.equalsIgnoreCase(PayloadPointer.attributesMd5(extendedSize))) {
      outcomes[index] =
          Outcome.retry(
              "MD5 of the message attributes SQS received ("
                  + attributesMd5
                  + ") differs from the attributes sent");
    } else {
      outcomes[index] = Outcome.delivered(messageId);
    }
    return 1;
  }

  private static int refused(JsonParser json, Outcome[] outcomes) throws IOException {
    String id = null;
    String code = null;
    String message = null;
    boolean senderFault = false;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "Id" -> id = json.getValueAsString();
        case "Code" -> code = json.getValueAsString();
        case "Message" -> message = json.getValueAsString();
        case "SenderFault", "senderFault" -> senderFault = json.getValueAsBoolean(); // or "true"
        default -> json.skipChildren();
      }
    }
    int index = index(id, outcomes.length);
    if (index < 0) {
      return 0;
    }
    outcomes[index] = SqsErrors.forEntry(code, senderFault, message);
    return 1;
  }

  /** The batch position of an entry id, or -1 for an id that is not one of ours. */
  private static int index(String id, int size) {
    if (id == null || id.isEmpty() || id.length() > 2) {
      return -1;
    }
    try {
      int index = Integer.parseInt(id);
      return index < size ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The error of a rejected request: the legacy code from {@code x-amzn-query-error} when present
   * (SQS's query-compatible codes such as {@code AWS.SimpleQueueService.NonExistentQueue}), else
   * the JSON {@code __type} without its namespace.
   */
  static Rejection rejection(HttpAnswer answer) {
    String code = null;
    String message = null;
    if (answer.queryError() != null && !answer.queryError().isBlank()) {
      int semicolon = answer.queryError().indexOf(';');
      code = semicolon < 0 ? answer.queryError() : answer.queryError().substring(0, semicolon);
    }
    try (JsonParser json = JSON.createParser(answer.body())) {
      if (json.nextToken() == JsonToken.START_OBJECT) {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String field = json.currentName();
          json.nextToken();
          if (field.equals("__type") && code == null) {
            String type = json.getValueAsString();
            code = type == null ? null : type.substring(type.indexOf('#') + 1);
          } else if (field.equalsIgnoreCase("message")) {
            message = json.getValueAsString();
          } else {
            json.skipChildren();
          }
        }
      }
    } catch (IOException e) {
      message = new String(answer.body(), StandardCharsets.UTF_8);
    }
    if (message == null) {
      message = "HTTP " + answer.status();
    }
    return new Rejection(code, message);
  }

  private static void expect(JsonToken actual, JsonToken expected, JsonParser json)
      throws IOException {
    if (actual != expected) {
      throw new IOException(
          "SendMessageBatch answer is not a JSON object (at " + json.currentLocation() + ")");
    }
  }
}

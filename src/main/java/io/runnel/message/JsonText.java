package io.runnel.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.IOException;

/**
 * The one {@link JsonFactory} of the message package, and JSON text that is copied into a message
 * unchanged: json/jsonb values, transaction annotations and numbers. Stateless and thread-safe.
 */
final class JsonText {
  /**
   * Limits above what PostgreSQL can hold in a jsonb (numeric digits, nesting), so a value the
   * server accepted is embedded rather than turned into a string.
   */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNumberLength(200_000)
                  .maxNestingDepth(10_000)
                  .maxStringLength(Integer.MAX_VALUE)
                  .build())
          .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_100).build())
          .build();

  private JsonText() {}

  /**
   * Writes {@code text} as an embedded JSON value, keeping numbers digit for digit. Writes nothing
   * and returns false when {@code text} is not exactly one JSON value.
   */
  static boolean writeEmbedded(JsonGenerator out, String text) throws IOException {
    if (!isSingleValue(text)) {
      return false;
    }
    try (JsonParser in = FACTORY.createParser(text)) {
      copy(in, out);
    }
    return true;
  }

  /** Whether {@code text} is a JSON number (RFC 8259 grammar), so it can be written raw. */
  static boolean isNumber(String text) {
    int n = text.length();
    int i = text.startsWith("-") ? 1 : 0;
    int intStart = i;
    i = skipDigits(text, i);
    if (i == intStart || (text.charAt(intStart) == '0' && i - intStart > 1)) {
      return false;
    }
    if (i < n && text.charAt(i) == '.') {
      int start = ++i;
      i = skipDigits(text, i);
      if (i == start) {
        return false;
      }
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int start = i;
      i = skipDigits(text, i);
      if (i == start) {
        return false;
      }
    }
    return i == n;
  }

  private static int skipDigits(String text, int i) {
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static boolean isSingleValue(String text) {
    try (JsonParser in = FACTORY.createParser(text)) {
      if (in.nextToken() == null) {
        return false;
      }
      in.skipChildren();
      return in.nextToken() == null;
    } catch (IOException e) { // JsonParseException, StreamConstraintsException
      return false;
    }
  }

  private static void copy(JsonParser in, JsonGenerator out) throws IOException {
    for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
      switch (token) {
        case START_OBJECT -> out.writeStartObject();
        case END_OBJECT -> out.writeEndObject();
        case START_ARRAY -> out.writeStartArray();
        case END_ARRAY -> out.writeEndArray();
        case FIELD_NAME -> out.writeFieldName(in.currentName());
        case VALUE_STRING ->
            out.writeString(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.writeNumber(in.getText());
        case VALUE_TRUE -> out.writeBoolean(true);
        case VALUE_FALSE -> out.writeBoolean(false);
        case VALUE_NULL -> out.writeNull();
        default -> throw new IllegalStateException("unexpected JSON token " + token);
      }
    }
  }
}

package io.runnel.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into plain Java values for functions: objects as insertion-ordered maps, arrays
 * as lists, integers as {@link Long} (beyond 64 bits as {@link Double}), other numbers as {@link
 * Double}, and JSON null as the caller's {@code jsonNull}. Stateless and thread-safe.
 */
final class JsonValues {
  private JsonValues() {}

  /**
   * The value of {@code text}, which must be JSON (it comes from this package's writers).
   *
   * @throws UncheckedIOException when it is not
   */
  static Object parse(String text, Object jsonNull) {
    try (JsonParser in = JsonText.FACTORY.createParser(text)) {
      return read(in, in.nextToken(), jsonNull);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  private static Object read(JsonParser in, JsonToken token, Object jsonNull) throws IOException {
    return switch (token) {
      case START_OBJECT -> readObject(in, jsonNull);
      case START_ARRAY -> readArray(in, jsonNull);
      case VALUE_STRING -> in.getText();
      case VALUE_NUMBER_INT -> integer(in);
      case VALUE_NUMBER_FLOAT -> in.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> jsonNull;
      default -> throw new IOException("unexpected JSON token " + token);
    };
  }

  /** A {@link Long}, or a {@link Double} beyond 64 bits (not a ternary: that would widen). */
  private static Object integer(JsonParser in) throws IOException {
    if (in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return in.getDoubleValue();
    }
    return in.getLongValue();
  }

  private static Map<String, Object> readObject(JsonParser in, Object jsonNull) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
      String name = in.currentName();
      object.put(name, read(in, in.nextToken(), jsonNull));
    }
    return object;
  }

  private static List<Object> readArray(JsonParser in, Object jsonNull) throws IOException {
    List<Object> array = new ArrayList<>();
    for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
      array.add(read(in, token, jsonNull));
    }
    return array;
  }
}

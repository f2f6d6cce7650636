package io.runnel.function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes a CEL value as JSON text, the body of a transformed message: maps as objects (keys as
 * their text), lists as arrays, numbers and strings as themselves, NaN and infinities as the
 * strings the body uses, bytes as Base64, null as null. Stateless and thread-safe.
 */
final class CelJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private CelJson() {}

  /**
   * The JSON text of {@code value}.
   *
   * @throws IllegalArgumentException naming the type of a value that has no JSON form
   */
  static String write(Object value) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      write(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  private static void write(JsonGenerator out, Object value) throws IOException {
    switch (value) {
      case null -> out.writeNull();
      case NullValue n -> out.writeNull();
      case com.google.protobuf.NullValue n -> out.writeNull();
      case String s -> out.writeString(s);
      case Boolean b -> out.writeBoolean(b);
      case Long l -> out.writeNumber(l);
      case Integer i -> out.writeNumber(i);
      case UnsignedLong u -> out.writeNumber(u.bigIntegerValue());
      case Double d -> writeDouble(out, d);
      case Map<?, ?> map -> writeMap(out, map);
      case List<?> list -> writeList(out, list);
      case CelByteString bytes ->
          out.writeString(Base64.getEncoder().encodeToString(bytes.toByteArray()));
      case ByteString bytes ->
          out.writeString(Base64.getEncoder().encodeToString(bytes.toByteArray()));
      default ->
          throw new IllegalArgumentException(
              "the result contains a "
                  + value.getClass().getSimpleName()
                  + ", which has no JSON form");
    }
  }

  private static void writeDouble(JsonGenerator out, double d) throws IOException {
    if (Double.isNaN(d)) {
      out.writeString("NaN");
    } else if (Double.isInfinite(d)) {
      out.writeString(d > 0 ? "Infinity" : "-Infinity");
    } else {
      out.writeNumber(d);
    }
  }

  private static void writeMap(JsonGenerator out, Map<?, ?> map) throws IOException {
    out.writeStartObject();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.writeFieldName(String.valueOf(entry.getKey()));
      write(out, entry.getValue());
    }
    out.writeEndObject();
  }

  private static void writeList(JsonGenerator out, List<?> list) throws IOException {
    out.writeStartArray();
    for (Object element : list) {
      write(out, element);
    }
    out.writeEndArray();
  }
}

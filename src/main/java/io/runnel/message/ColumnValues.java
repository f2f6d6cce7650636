package io.runnel.message;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A column's value as functions see it: the same value the message body shows, as a Java value (see
 * {@link JsonValues}). Booleans, integers, floats and text-form types are converted directly; the
 * rest (json, timestamps, intervals, arrays) go through the body's own {@link ValueWriter}, so a
 * function always sees what the body says. Stateless and thread-safe.
 */
final class ColumnValues {
  private ColumnValues() {}

  /** The value of non-null column text {@code text} of type {@code typeOid}. */
  static Object read(int typeOid, ValueWriter writer, String text, Object jsonNull) {
    switch (typeOid) {
      case TypeOids.BOOL -> {
        return switch (text) {
          case "t" -> Boolean.TRUE;
          case "f" -> Boolean.FALSE;
          default -> text;
        };
      }
      case TypeOids.INT2, TypeOids.INT4, TypeOids.INT8, TypeOids.OID -> {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          return text;
        }
      }
      case TypeOids.FLOAT4, TypeOids.FLOAT8 -> {
        if (JsonText.isNumber(text)) {
          return Double.parseDouble(text);
        }
        return text; // NaN, Infinity, -Infinity, as the body shows them
      }
      default -> {
        return writesText(typeOid) ? text : viaWriter(writer, text, jsonNull);
      }
    }
  }

  /** Types the body shows as their text form (ValueWriters' default case). */
  private static boolean writesText(int typeOid) {
    return TypeOids.arrayElement(typeOid) == 0
        && switch (typeOid) {
          case TypeOids.JSON,
              TypeOids.JSONB,
              TypeOids.TIMESTAMPTZ,
              TypeOids.TIMESTAMP,
              TypeOids.DATE,
              TypeOids.TIME,
              TypeOids.TIMETZ,
              TypeOids.INTERVAL ->
              false;
          default -> true;
        };
  }

  private static Object viaWriter(ValueWriter writer, String text, Object jsonNull) {
    StringWriter json = new StringWriter(text.length() + 16);
    try (JsonGenerator out = JsonText.FACTORY.createGenerator(json)) {
      writer.write(out, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return JsonValues.parse(json.toString(), jsonNull);
  }
}

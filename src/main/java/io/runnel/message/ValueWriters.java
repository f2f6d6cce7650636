package io.runnel.message;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Chooses the {@link ValueWriter} for a column type (DESIGN.md §4, "Types"). Chosen once per column
 * of a relation, so the per-value path is a single virtual call without a type switch.
 *
 * <p>Types without a case here (numeric, money, text types, uuid, bytea, enums, unknown OIDs) are
 * written as their text form: numeric and money as strings keeps them lossless, and bytea's text
 * form is already the {@code \x…} hex string.
 */
final class ValueWriters {
  private static final BigInteger PG_EPOCH_UNIX_MICROS =
      BigInteger.valueOf(PgTimestamps.PG_EPOCH_UNIX_MICROS);

  private ValueWriters() {}

  static ValueWriter forType(int typeOid, TimestampFormat format) {
    int element = TypeOids.arrayElement(typeOid);
    return element != 0 ? new ArrayWriter(scalar(element, format)) : scalar(typeOid, format);
  }

  private static ValueWriter scalar(int typeOid, TimestampFormat format) {
    boolean unix = format == TimestampFormat.UNIX_MICROSECOND;
    return switch (typeOid) {
      case TypeOids.BOOL -> ValueWriters::bool;
      case TypeOids.INT2, TypeOids.INT4, TypeOids.INT8, TypeOids.OID -> ValueWriters::integer;
      case TypeOids.FLOAT4, TypeOids.FLOAT8 -> ValueWriters::floating;
      case TypeOids.JSON, TypeOids.JSONB -> ValueWriters::json;
      case TypeOids.TIMESTAMPTZ ->
          unix ? (out, text) -> unixMicros(out, text, true) : ValueWriters::timestamptz;
      case TypeOids.TIMESTAMP ->
          unix ? (out, text) -> unixMicros(out, text, false) : ValueWriters::timestamp;
      case TypeOids.DATE -> ValueWriters::date;
      case TypeOids.TIME -> ValueWriters::time;
      case TypeOids.TIMETZ -> ValueWriters::timetz;
      case TypeOids.INTERVAL -> ValueWriters::interval;
      default -> JsonGenerator::writeString;
    };
  }

  private static void bool(JsonGenerator out, String text) throws IOException {
    switch (text) {
      case "t" -> out.writeBoolean(true);
      case "f" -> out.writeBoolean(false);
      default -> out.writeString(text);
    }
  }

  private static void integer(JsonGenerator out, String text) throws IOException {
    if (JsonText.isNumber(text)) {
      out.writeNumber(text); // raw: int8 extremes stay exact, no parse and re-print
    } else {
      out.writeString(text);
    }
  }

  /** PostgreSQL prints the shortest exact digits; they are copied, never re-rounded. */
  private static void floating(JsonGenerator out, String text) throws IOException {
    if (JsonText.isNumber(text)) {
      out.writeNumber(text);
    } else {
      out.writeString(text); // NaN, Infinity, -Infinity
    }
  }

  private static void json(JsonGenerator out, String text) throws IOException {
    if (!JsonText.writeEmbedded(out, text)) {
      out.writeString(text);
    }
  }

  private static void timestamptz(JsonGenerator out, String text) throws IOException {
    try {
      out.writeString(PgTimestamps.formatTimestamp(PgTimestamps.parseTimestamp(text, true), true));
    } catch (IllegalArgumentException e) {
      out.writeString(text);
    }
  }

  private static void timestamp(JsonGenerator out, String text) throws IOException {
    try {
      out.writeString(
          PgTimestamps.formatTimestamp(PgTimestamps.parseTimestamp(text, false), false));
    } catch (IllegalArgumentException e) {
      out.writeString(text);
    }
  }

  private static void unixMicros(JsonGenerator out, String text, boolean withZone)
      throws IOException {
    long micros;
    try {
      micros = PgTimestamps.parseTimestamp(text, withZone);
    } catch (IllegalArgumentException e) {
      out.writeString(text);
      return;
    }
    if (micros == PgTimestamps.INFINITY || micros == PgTimestamps.MINUS_INFINITY) {
      out.writeString(PgTimestamps.formatTimestamp(micros, withZone));
    } else if (PgTimestamps.fitsUnixMicros(micros)) {
      out.writeNumber(micros + PgTimestamps.PG_EPOCH_UNIX_MICROS);
    } else {
      out.writeNumber(BigInteger.valueOf(micros).add(PG_EPOCH_UNIX_MICROS));
    }
  }

  private static void date(JsonGenerator out, String text) throws IOException {
    try {
      out.writeString(PgTimestamps.formatDate(PgTimestamps.parseDate(text)));
    } catch (IllegalArgumentException e) {
      out.writeString(text);
    }
  }

  private static void time(JsonGenerator out, String text) throws IOException {
    try {
      out.writeString(PgTimes.time(text));
    } catch (IllegalArgumentException e) {
      out.writeString(text);
    }
  }

  private static void timetz(JsonGenerator out, String text) throws IOException {
    try {
      out.writeString(PgTimes.timetz(text));
    } catch (IllegalArgumentException e) {
      out.writeString(text);
    }
  }

  private static void interval(JsonGenerator out, String text) throws IOException {
    PgInterval interval;
    try {
      interval = PgInterval.parse(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      out.writeString(text);
      return;
    }
    out.writeStartObject();
    out.writeNumberField("months", interval.months());
    out.writeNumberField("days", interval.days());
    out.writeNumberField("microseconds", interval.microseconds());
    out.writeEndObject();
  }

  /** A one- or multi-dimensional array; each element goes through the element type's writer. */
  private record ArrayWriter(ValueWriter element) implements ValueWriter {
    @Override
    public void write(JsonGenerator out, String text) throws IOException {
      List<Object> elements;
      try {
        elements = PgArrayParser.parse(text);
      } catch (IllegalArgumentException e) {
        out.writeString(text);
        return;
      }
      writeList(out, elements);
    }

    private void writeList(JsonGenerator out, List<?> elements) throws IOException {
      out.writeStartArray();
      for (Object value : elements) {
        if (value == null) {
          out.writeNull();
        } else if (value instanceof List<?> nested) {
          writeList(out, nested);
        } else {
          element.write(out, (String) value);
        }
      }
      out.writeEndArray();
    }
  }
}

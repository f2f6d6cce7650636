package io.runnel.message;

/**
 * Normalises PostgreSQL's {@code time} and {@code timetz} output to ISO-8601: six fractional
 * digits, offsets as {@code ±HH:MM} ({@code ±HH:MM:SS} when the offset has seconds). Stateless.
 */
final class PgTimes {
  private PgTimes() {}

  /** {@code 04:05:06.789} → {@code 04:05:06.789000}; {@code 24:00:00} stays a valid hour. */
  static String time(String text) {
    TextCursor in = new TextCursor(text);
    StringBuilder out = timeOfDay(in);
    in.expectEnd();
    return out.toString();
  }

  /** {@code 04:05:06.789+02} → {@code 04:05:06.789000+02:00}. */
  static String timetz(String text) {
    TextCursor in = new TextCursor(text);
    StringBuilder out = timeOfDay(in);
    int offset = PgTimestamps.offsetSeconds(in);
    in.expectEnd();
    int abs = Math.abs(offset);
    out.append(offset < 0 ? '-' : '+');
    PgTimestamps.appendTwo(out, abs / 3600).append(':');
    PgTimestamps.appendTwo(out, abs / 60 % 60);
    if (abs % 60 != 0) {
      PgTimestamps.appendTwo(out.append(':'), abs % 60);
    }
    return out.toString();
  }

  private static StringBuilder timeOfDay(TextCursor in) {
    long seconds = PgTimestamps.timeOfDaySeconds(in);
    int micros = in.eat('.') ? in.micros() : 0;
    StringBuilder out = new StringBuilder(24);
    PgTimestamps.appendTwo(out, seconds / 3600).append(':');
    PgTimestamps.appendTwo(out, seconds / 60 % 60).append(':');
    PgTimestamps.appendTwo(out, seconds % 60).append('.');
    return PgTimestamps.appendMicros(out, micros);
  }
}

package io.runnel.message;

/**
 * An {@code interval} as PostgreSQL stores it, written to the message as {@code {"months", "days",
 * "microseconds"}}. Immutable.
 */
record PgInterval(int months, int days, long microseconds) {

  /**
   * Parses the default {@code postgres} IntervalStyle output: {@code 1 year 2 mons 3 days
   * 04:05:06.789}, {@code -1 days +02:00:00}, {@code 00:00:00}. Each unit carries its own sign; the
   * sign before the time applies to all of hours, minutes and seconds.
   *
   * @throws IllegalArgumentException for anything else (other IntervalStyles included)
   * @throws ArithmeticException when a field overflows
   */
  static PgInterval parse(String text) {
    TextCursor in = new TextCursor(text);
    long months = 0;
    long days = 0;
    long micros = 0;
    boolean any = false;
    while (true) {
      while (in.eat(' ')) {
        // separators
      }
      if (in.atEnd()) {
        break;
      }
      any = true;
      boolean negative = !in.eat('+') && in.eat('-');
      long number = in.digits(1, 10);
      if (in.peek() == ':') {
        micros = Math.addExact(micros, time(in, number, negative));
        continue;
      }
      in.expect(' ');
      long signed = negative ? -number : number;
      if (in.eat("years") || in.eat("year")) {
        months += signed * 12;
      } else if (in.eat("mons") || in.eat("mon")) {
        months += signed;
      } else if (in.eat("days") || in.eat("day")) {
        days += signed;
      } else {
        throw in.fail("unknown interval unit");
      }
      if (!in.atEnd() && in.peek() != ' ') {
        throw in.fail("expected a space after the unit");
      }
    }
    if (!any) {
      throw in.fail("empty interval");
    }
    return new PgInterval(Math.toIntExact(months), Math.toIntExact(days), micros);
  }

  /** The rest of {@code [+-]H+:MM:SS[.ffffff]} after its hours, as signed microseconds. */
  private static long time(TextCursor in, long hours, boolean negative) {
    in.expect(':');
    long minutes = in.digits(2, 2);
    in.expect(':');
    long seconds = in.digits(2, 2);
    long fraction = in.eat('.') ? in.micros() : 0;
    if (minutes > 59 || seconds > 59) {
      throw in.fail("minutes or seconds out of range");
    }
    long whole = Math.multiplyExact(hours, 3_600_000_000L);
    long rest = (minutes * 60 + seconds) * 1_000_000L + fraction;
    // Subtract from the negated hours so the most negative interval does not overflow.
    return negative ? Math.subtractExact(-whole, rest) : Math.addExact(whole, rest);
  }
}

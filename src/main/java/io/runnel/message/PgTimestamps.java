package io.runnel.message;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses PostgreSQL's ISO-DateStyle output of {@code timestamptz}, {@code timestamp} and {@code
 * date}, and formats the ISO-8601 strings of the message. Stateless and thread-safe.
 *
 * <p>Timestamps are held as PostgreSQL holds them: microseconds since 2000-01-01 00:00 UTC, with
 * {@link Long#MAX_VALUE} for {@code infinity} and {@link Long#MIN_VALUE} for {@code -infinity} (the
 * server's DT_NOEND/DT_NOBEGIN); that range fits a long, Unix microseconds of year 294276 do not.
 * Dates are days since the Unix epoch, with the same two sentinels. Years are proleptic Gregorian
 * and astronomical: {@code 0044-03-15 BC} is year -43, written {@code -0043-03-15}.
 */
final class PgTimestamps {
  static final long INFINITY = Long.MAX_VALUE;
  static final long MINUS_INFINITY = Long.MIN_VALUE;

  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  /** 2000-01-01 as days since 1970-01-01. */
  private static final long PG_EPOCH_DAY = 10_957L;

  /** 2000-01-01 as Unix microseconds. */
  static final long PG_EPOCH_UNIX_MICROS = PG_EPOCH_DAY * MICROS_PER_DAY;

  /** Past the last year of a timestamp (294276 AD), so micros since 2000 cannot overflow. */
  private static final long MAX_TIMESTAMP_YEAR = 294_277;

  /** The last year of a date (5874897 AD). */
  private static final long MAX_DATE_YEAR = 5_874_897;

  private PgTimestamps() {}

  /**
   * Parses {@code 2024-10-28 23:37:01.12747+02} (with zone) or {@code 2024-10-28 21:37:01.12747}
   * (without), optionally followed by {@code BC}, or {@code infinity}/{@code -infinity}.
   *
   * @return microseconds since 2000-01-01 UTC (for a timestamp without zone: as if it were UTC)
   * @throws IllegalArgumentException when the text is not in that form
   */
  static long parseTimestamp(String text, boolean withZone) {
    long special = infinity(text);
    if (special != 0) {
      return special;
    }
    TextCursor in = new TextCursor(text);
    long year = in.digits(4, 9);
    in.expect('-');
    int month = (int) in.digits(2, 2);
    in.expect('-');
    int day = (int) in.digits(2, 2);
    if (!in.eat(' ')) {
      in.expect('T');
    }
    long seconds = timeOfDaySeconds(in);
    int micros = in.eat('.') ? in.micros() : 0;
    if (withZone) {
      seconds -= offsetSeconds(in);
    }
    long epochDay = epochDay(year, month, day, eraSuffix(in), MAX_TIMESTAMP_YEAR);
    in.expectEnd();
    return ((epochDay - PG_EPOCH_DAY) * 86_400L + seconds) * MICROS_PER_SECOND + micros;
  }

  /** Parses {@code 2024-10-28}, {@code 0044-03-15 BC} or ±infinity to days since 1970-01-01. */
  static long parseDate(String text) {
    long special = infinity(text);
    if (special != 0) {
      return special;
    }
    TextCursor in = new TextCursor(text);
    long year = in.digits(4, 9);
    in.expect('-');
    int month = (int) in.digits(2, 2);
    in.expect('-');
    int day = (int) in.digits(2, 2);
    long epochDay = epochDay(year, month, day, eraSuffix(in), MAX_DATE_YEAR);
    in.expectEnd();
    return epochDay;
  }

  /** Reads {@code HH:MM:SS} (hour up to 24) and returns its seconds. */
  static long timeOfDaySeconds(TextCursor in) {
    long hour = in.digits(2, 2);
    in.expect(':');
    long minute = in.digits(2, 2);
    in.expect(':');
    long second = in.digits(2, 2);
    if (hour > 24 || minute > 59 || second > 60) {
      throw in.fail("time of day out of range");
    }
    return hour * 3600 + minute * 60 + second;
  }

  /** Reads a UTC offset as PostgreSQL prints it: {@code +02}, {@code +05:30}, {@code -03:30:15}. */
  static int offsetSeconds(TextCursor in) {
    int sign;
    if (in.eat('+')) {
      sign = 1;
    } else if (in.eat('-')) {
      sign = -1;
    } else {
      throw in.fail("expected a UTC offset");
    }
    int seconds = (int) in.digits(2, 2) * 3600;
    if (in.eat(':')) {
      seconds += (int) in.digits(2, 2) * 60;
      if (in.eat(':')) {
        seconds += (int) in.digits(2, 2);
      }
    }
    return sign * seconds;
  }

  /** Whether {@code pgMicros + PG_EPOCH_UNIX_MICROS} fits a long (it does until year 294246). */
  static boolean fitsUnixMicros(long pgMicros) {
    return pgMicros <= Long.MAX_VALUE - PG_EPOCH_UNIX_MICROS;
  }

  /** {@code 2024-10-28T21:37:01.127470} plus {@code Z} when {@code zulu}; ±infinity as words. */
  static String formatTimestamp(long pgMicros, boolean zulu) {
    if (pgMicros == INFINITY || pgMicros == MINUS_INFINITY) {
      return pgMicros == INFINITY ? "infinity" : "-infinity";
    }
    long day = Math.floorDiv(pgMicros, MICROS_PER_DAY);
    long microOfDay = Math.floorMod(pgMicros, MICROS_PER_DAY);
    StringBuilder out = new StringBuilder(32);
    appendDate(out, day + PG_EPOCH_DAY).append('T');
    long seconds = microOfDay / MICROS_PER_SECOND;
    appendTwo(out, seconds / 3600).append(':');
    appendTwo(out, seconds / 60 % 60).append(':');
    appendTwo(out, seconds % 60).append('.');
    appendMicros(out, (int) (microOfDay % MICROS_PER_SECOND));
    return zulu ? out.append('Z').toString() : out.toString();
  }

  /** The commit timestamp, truncated to microseconds, as {@code …T21:37:01.127470Z}. */
  static String formatInstant(Instant instant) {
    long seconds = instant.getEpochSecond() - PG_EPOCH_DAY * 86_400L;
    return formatTimestamp(seconds * MICROS_PER_SECOND + instant.getNano() / 1000, true);
  }

  /** {@code 2024-10-28}; ±infinity as words. */
  static String formatDate(long epochDay) {
    if (epochDay == INFINITY || epochDay == MINUS_INFINITY) {
      return epochDay == INFINITY ? "infinity" : "-infinity";
    }
    return appendDate(new StringBuilder(12), epochDay).toString();
  }

  /** Six fractional digits, zero-padded. */
  static StringBuilder appendMicros(StringBuilder out, int micros) {
    String digits = Integer.toString(micros);
    for (int i = digits.length(); i < 6; i++) {
      out.append('0');
    }
    return out.append(digits);
  }

  static StringBuilder appendTwo(StringBuilder out, long value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static StringBuilder appendDate(StringBuilder out, long epochDay) {
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int year = date.getYear();
    if (year < 0) {
      out.append('-');
    } else if (year > 9999) {
      out.append('+'); // ISO 8601 expanded year, as java.time writes it
    }
    String digits = Integer.toString(Math.abs(year));
    for (int i = digits.length(); i < 4; i++) {
      out.append('0');
    }
    out.append(digits).append('-');
    appendTwo(out, date.getMonthValue()).append('-');
    return appendTwo(out, date.getDayOfMonth());
  }

  private static long infinity(String text) {
    return switch (text) {
      case "infinity" -> INFINITY;
      case "-infinity" -> MINUS_INFINITY;
      default -> 0;
    };
  }

  private static boolean eraSuffix(TextCursor in) {
    return in.eat(" BC");
  }

  private static long epochDay(long year, int month, int day, boolean bc, long maxYear) {
    if (year > maxYear) {
      throw new IllegalArgumentException("year out of range: " + year);
    }
    long astronomical = bc ? 1 - year : year;
    try {
      return LocalDate.of(Math.toIntExact(astronomical), month, day).toEpochDay();
    } catch (RuntimeException e) { // DateTimeException, ArithmeticException
      throw new IllegalArgumentException("not a date: " + year + "-" + month + "-" + day, e);
    }
  }
}

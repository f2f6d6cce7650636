package io.runnel.message;

/** How timestamps in {@code record} and {@code changes} are written. */
public enum TimestampFormat {
  /** {@code 2024-10-28T21:37:01.127470Z}: six fractional digits, {@code Z} for timestamptz. */
  ISO8601,
  /** Microseconds since the Unix epoch, as a JSON integer. */
  UNIX_MICROSECOND
}

package io.runnel.decode;

/**
 * A PostgreSQL write-ahead-log position. Immutable; compares unsigned, as the server does.
 *
 * <p>Text form is the server's {@code XXXXXXXX/XXXXXXXX}; {@link #parse} rejects anything else.
 */
public record Lsn(long value) implements Comparable<Lsn> {
  public static final Lsn ZERO = new Lsn(0);

  public static Lsn parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("not an LSN (expected XXXXXXXX/XXXXXXXX): " + text);
    }
    try {
      long high = Long.parseUnsignedLong(text.substring(0, slash), 16);
      long low = Long.parseUnsignedLong(text.substring(slash + 1), 16);
      if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("not an LSN (each half is 32 bits): " + text);
      }
      return new Lsn(high << 32 | low);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an LSN (expected XXXXXXXX/XXXXXXXX): " + text, e);
    }
  }

  public static Lsn max(Lsn a, Lsn b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  public boolean isAfter(Lsn other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Lsn other) {
    return Long.compareUnsigned(value, other.value);
  }

  @Override
  public String toString() {
    return String.format("%X/%X", value >>> 32, value & 0xFFFFFFFFL);
  }
}

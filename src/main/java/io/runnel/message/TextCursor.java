package io.runnel.message;

/**
 * Reads PostgreSQL's text output forms character by character, without regular expressions (the
 * per-value paths are hot). Not thread-safe; one per parse. Every failure is an {@link
 * IllegalArgumentException} naming the text and position.
 */
final class TextCursor {
  private final String text;
  private int pos;

  TextCursor(String text) {
    this.text = text;
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  /** The next character, or {@code 0} at the end. */
  char peek() {
    return atEnd() ? 0 : text.charAt(pos);
  }

  int position() {
    return pos;
  }

  /** Consumes {@code c} if it is next. */
  boolean eat(char c) {
    if (!atEnd() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes {@code word} if it comes next. */
  boolean eat(String word) {
    if (text.startsWith(word, pos)) {
      pos += word.length();
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!eat(c)) {
      throw fail("expected '" + c + "'");
    }
  }

  void expectEnd() {
    if (!atEnd()) {
      throw fail("unexpected trailing text");
    }
  }

  /** Reads between {@code min} and {@code max} decimal digits as a non-negative number. */
  long digits(int min, int max) {
    int start = pos;
    long value = 0;
    while (pos - start < max && !atEnd()) {
      char c = text.charAt(pos);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      pos++;
    }
    if (pos - start < min) {
      throw fail("expected " + min + " or more digits");
    }
    return value;
  }

  /**
   * Reads a fraction's digits (after the dot) as microseconds: {@code 12747} is 127470. Digits past
   * the sixth are dropped; PostgreSQL never prints them.
   */
  int micros() {
    int start = pos;
    int value = 0;
    while (!atEnd() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      if (pos - start < 6) {
        value = value * 10 + (text.charAt(pos) - '0');
      }
      pos++;
    }
    int count = pos - start;
    if (count == 0) {
      throw fail("expected fraction digits");
    }
    for (int i = count; i < 6; i++) {
      value *= 10;
    }
    return value;
  }

  IllegalArgumentException fail(String why) {
    return new IllegalArgumentException(why + " at " + pos + " in '" + text + "'");
  }
}

package io.runnel.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses PostgreSQL array literals as the server prints them ({@code array_out}) and accepts
 * ({@code array_in}): {@code {1,2}}, {@code {{1,2},{3,4}}}, {@code {}}, {@code [0:1]={1,2}}, {@code
 * {"a,b","say \"hi\"",NULL,"NULL"}}. Not thread-safe; one instance per literal.
 *
 * <p>The result is nested lists whose leaves are the elements' text, or null for an unquoted {@code
 * NULL}. The dimension decoration ({@code [lower:upper]=}) only shifts subscripts, so it is
 * dropped.
 */
final class PgArrayParser {
  /** PostgreSQL allows 6 dimensions (MAXDIM); deeper input is not an array it printed. */
  private static final int MAX_DEPTH = 6;

  private final String text;
  private final char delimiter;
  private int pos;

  private PgArrayParser(String text, char delimiter) {
    this.text = text;
    this.delimiter = delimiter;
  }

  /** Parses a literal whose elements are separated by commas (every built-in type but box). */
  static List<Object> parse(String text) {
    return parse(text, ',');
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not an array literal
   */
  static List<Object> parse(String text, char delimiter) {
    PgArrayParser parser = new PgArrayParser(text, delimiter);
    parser.skipSpace();
    parser.skipDimensions();
    List<Object> result = parser.array(1);
    parser.skipSpace();
    if (parser.pos != text.length()) {
      throw parser.fail("unexpected text after the array");
    }
    return result;
  }

  private void skipDimensions() {
    if (peek() != '[') {
      return;
    }
    int equals = text.indexOf('=', pos);
    if (equals < 0) {
      throw fail("dimensions without '='");
    }
    pos = equals + 1;
    skipSpace();
  }

  private List<Object> array(int depth) {
    if (depth > MAX_DEPTH) {
      throw fail("more than " + MAX_DEPTH + " dimensions");
    }
    expect('{');
    List<Object> elements = new ArrayList<>();
    skipSpace();
    if (eat('}')) {
      return elements;
    }
    while (true) {
      skipSpace();
      char c = peek();
      if (c == '{') {
        elements.add(array(depth + 1));
      } else if (c == '"') {
        elements.add(quoted());
      } else {
        elements.add(unquoted());
      }
      skipSpace();
      if (eat('}')) {
        return elements;
      }
      expect(delimiter);
    }
  }

  private String quoted() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return value.toString();
      }
      value.append(c == '\\' ? next() : c);
    }
  }

  /** An element without quotes: backslash escapes, trailing blanks dropped, NULL is null. */
  private String unquoted() {
    StringBuilder value = new StringBuilder();
    int keep = 0;
    boolean escaped = false;
    while (true) {
      char c = next();
      if (c == delimiter || c == '}') {
        pos--;
        break;
      }
      if (c == '{' || c == '"') {
        throw fail("unexpected '" + c + "' in an element");
      }
      if (c == '\\') {
        value.append(next());
        escaped = true;
        keep = value.length();
      } else {
        value.append(c);
        keep = Character.isWhitespace(c) ? keep : value.length();
      }
    }
    value.setLength(keep);
    if (value.isEmpty() && !escaped) {
      throw fail("empty element");
    }
    return !escaped && "NULL".equalsIgnoreCase(value.toString()) ? null : value.toString();
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private char next() {
    if (pos >= text.length()) {
      throw fail("unexpected end");
    }
    return text.charAt(pos++);
  }

  private boolean eat(char c) {
    if (peek() == c && pos < text.length()) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!eat(c)) {
      throw fail("expected '" + c + "'");
    }
  }

  private IllegalArgumentException fail(String why) {
    return new IllegalArgumentException(why + " at " + pos + " in array '" + text + "'");
  }
}

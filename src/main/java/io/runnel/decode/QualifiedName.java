package io.runnel.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a dotted SQL name into identifiers, honouring double quotes. */
final class QualifiedName {
  private QualifiedName() {}

  static List<String> split(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty table name");
    }
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          current.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == '.') {
        parts.add(finish(current, wasQuoted, text));
        current.setLength(0);
        wasQuoted = false;
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote in table name: " + text);
    }
    parts.add(finish(current, wasQuoted, text));
    return parts;
  }

  private static String finish(StringBuilder part, boolean wasQuoted, String text) {
    String value = wasQuoted ? part.toString() : part.toString().trim().toLowerCase(Locale.ROOT);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty part in table name: " + text);
    }
    return value;
  }
}

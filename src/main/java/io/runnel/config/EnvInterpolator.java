package io.runnel.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces <code>${VAR}</code> and <code>${VAR:-default}</code> in raw YAML text before it is
 * parsed, as Sequin does. The default applies when the variable is unset or empty (as in the
 * shell), and <code>$${</code> writes a literal <code>${</code>. Comments are left alone, so a
 * commented-out line never needs its variables. An unset variable without default is reported with
 * its line, and replaced by its own name (safe anywhere in YAML) so that parsing goes on to find
 * other problems. A value is inserted as-is: quote the reference in YAML when the value may hold
 * YAML syntax; a value with line breaks shifts later line numbers.
 */
final class EnvInterpolator {
  private static final Pattern REFERENCE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(:-(.*))?");

  /**
   * A reference that could not be replaced, on a 1-based line of the raw text.
   *
   * @param reference the variable's name, or the malformed text
   */
  record Unresolved(String reference, int line, boolean malformed) {}

  /** The interpolated text and the references that could not be replaced. */
  record Result(String text, List<Unresolved> unresolved) {}

  private EnvInterpolator() {}

  static Result interpolate(String text, Map<String, String> env) {
    StringBuilder out = new StringBuilder(text.length());
    List<Unresolved> unresolved = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      interpolateLine(lines[i], i + 1, env, out, unresolved);
    }
    return new Result(out.toString(), List.copyOf(unresolved));
  }

  private static void interpolateLine(
      String line, int number, Map<String, String> env, StringBuilder out, List<Unresolved> bad) {
    int comment = commentStart(line);
    int i = 0;
    while (i < comment) {
      if (line.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (line.startsWith("${", i)) {
        i = replace(line, i, number, env, out, bad);
      } else {
        out.append(line.charAt(i++));
      }
    }
    out.append(line, comment, line.length());
  }

  /** Replaces the reference starting at {@code start}; returns the index after it. */
  private static int replace(
      String line,
      int start,
      int number,
      Map<String, String> env,
      StringBuilder out,
      List<Unresolved> bad) {
    int close = line.indexOf('}', start + 2);
    Matcher matcher = close < 0 ? null : REFERENCE.matcher(line.substring(start + 2, close));
    if (matcher == null || !matcher.matches()) {
      int end = close < 0 ? line.length() : close + 1;
      String text = line.substring(start, end);
      bad.add(new Unresolved(text, number, true));
      out.append(text);
      return end;
    }
    String name = matcher.group(1);
    String value = env.get(name);
    if (matcher.group(2) != null && (value == null || value.isEmpty())) {
      value = matcher.group(3);
    }
    if (value == null) {
      bad.add(new Unresolved(name, number, false));
      value = name; // keeps the key present, so only this problem is reported for it
    }
    out.append(value);
    return close + 1;
  }

  /**
   * Where a YAML comment starts on this line, or the line's length: a {@code #} at the start or
   * after a blank, outside a quoted scalar. Quotes are tracked within the line only, and only where
   * a quoted scalar can begin.
   */
  static int commentStart(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '"' && c == '\\') {
        i++;
      } else if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if ((c == '"' || c == '\'') && opensScalar(line, i)) {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return line.length();
  }

  private static boolean opensScalar(String line, int index) {
    int i = index - 1;
    while (i >= 0 && line.charAt(i) == ' ') {
      i--;
    }
    return i < 0 || ":-[{,?".indexOf(line.charAt(i)) >= 0;
  }
}

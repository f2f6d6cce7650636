package io.runnel.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the common Sequin routing function {@code %{queue_url: "…#{metadata.table_name}"}}
 * into its CEL equivalent {@code {"queue_url": "…" + metadata.table_name}}, for the message that
 * rejects Elixir code. Other Elixir is not translated.
 */
final class ElixirHints {
  private static final Pattern QUEUE_URL_MAP =
      Pattern.compile("%\\{\\s*queue_url:\\s*\"((?:#\\{[^}]*}|[^\"\\\\]|\\\\.)*)\"\\s*,?\\s*}");
  private static final Pattern INTERPOLATION = Pattern.compile("#\\{([^}]*)}");
  private static final Pattern PATH =
      Pattern.compile(
          "(action|record|changes|metadata)(\\.[A-Za-z_][A-Za-z0-9_]*|\\[\"[^\"\\\\]*\"])*");
  private static final Pattern STRING_PATH =
      Pattern.compile("action|metadata\\.(table_name|table_schema|database_name|idempotency_key)");

  private ElixirHints() {}

  /** The CEL expression for a routing function's Elixir {@code code}, if it has the common form. */
  static Optional<String> routingExpression(String code) {
    Matcher map = QUEUE_URL_MAP.matcher(code);
    if (!map.find()) {
      return Optional.empty();
    }
    String template = map.group(1);
    List<String> parts = new ArrayList<>();
    Matcher hole = INTERPOLATION.matcher(template);
    int last = 0;
    while (hole.find()) {
      addLiteral(parts, template.substring(last, hole.start()));
      String path = hole.group(1).trim();
      if (!PATH.matcher(path).matches()) {
        return Optional.empty();
      }
      parts.add(STRING_PATH.matcher(path).matches() ? path : "string(" + path + ")");
      last = hole.end();
    }
    addLiteral(parts, template.substring(last));
    String value = parts.isEmpty() ? "\"\"" : String.join(" + ", parts);
    return Optional.of("{\"queue_url\": " + value + "}");
  }

  private static void addLiteral(List<String> parts, String literal) {
    if (!literal.isEmpty()) {
      parts.add("\"" + literal + "\""); // Elixir and CEL share the backslash escapes used here
    }
  }

  /** The message for a function written in Elixir: why it can't run and what to write. */
  static String message(String type, String code) {
    String base =
        "Sequin's Elixir functions can't run in Runnel; write the function as a CEL "
            + "expression under expression: (variables action, record, changes, metadata)";
    if (!"routing".equals(type) || code == null) {
      return base;
    }
    return routingExpression(code)
        .map(cel -> base + ", e.g. expression: '" + cel + "'")
        .orElse(base);
  }
}

package io.runnel.config;

/**
 * One thing wrong with a configuration.
 *
 * @param path the YAML path, e.g. {@code sinks[0].batch_size}
 * @param value the offending value as text (secrets masked), or null
 * @param line 1-based YAML line, or 0 when unknown
 */
public record ConfigProblem(String path, String message, String value, int line) {

  /** Renders as {@code path: message (was: value) [line N]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(path).append(": ").append(message);
    if (value != null) {
      text.append(" (was: ").append(value).append(')');
    }
    if (line > 0) {
      text.append(" [line ").append(line).append(']');
    }
    return text.toString();
  }
}

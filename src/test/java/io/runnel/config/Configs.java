package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** YAML fixtures and shortcuts for config tests. */
final class Configs {
  /** One valid database, named db, on lines 1–6. */
  static final String DATABASE =
      """
      databases:
        - name: db
          hostname: localhost
          database: postgres
          slot_name: runnel_slot
          publication_name: runnel_pub
      """;

  /** One valid sink, {@code s}, of the only database: what a config about databases appends. */
  static final String SINK =
      """
      sinks:
        - name: s
          destination:
            type: sqs
            queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders
            use_task_role: true
      """;

  private Configs() {}

  static RunnelConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of());
  }

  /** The problems of an invalid config. */
  static List<ConfigProblem> problems(String yaml) {
    return problems(yaml, Map.of());
  }

  static List<ConfigProblem> problems(String yaml, Map<String, String> env) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, env));
    if (e == null) {
      assertThatThrownBy(() -> ConfigLoader.parse(yaml, env)).isInstanceOf(ConfigException.class);
    }
    return e.problems();
  }

  /** The problems, rendered as the CLI prints them. */
  static List<String> rendered(String yaml) {
    return problems(yaml).stream().map(ConfigProblem::toString).toList();
  }

  /**
   * The database above and one sink ({@code - name: s} on line 8) with {@code sinkLines} from line
   * 9 (at sink indentation), then {@code destination:} and {@code type: sqs}, then {@code
   * destinationLines} (at destination indentation).
   */
  static String sink(String sinkLines, String destinationLines) {
    return DATABASE
        + "sinks:\n  - name: s\n"
        + indent(sinkLines, 4)
        + "    destination:\n      type: sqs\n"
        + indent(destinationLines, 6);
  }

  /** A sink with a standard queue and the task role, plus {@code sinkLines}. */
  static String sink(String sinkLines) {
    return sink(
        sinkLines,
        """
        queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders
        use_task_role: true
        """);
  }

  /** A sink whose destination lines (after type: sqs) start on line 11. */
  static String destination(String destinationLines) {
    return sink("", destinationLines);
  }

  static String resource(String name) {
    try (InputStream in = Configs.class.getResourceAsStream("/config/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String indent(String lines, int spaces) {
    if (lines.isBlank()) {
      return "";
    }
    String pad = " ".repeat(spaces);
    StringBuilder out = new StringBuilder();
    for (String line : lines.stripTrailing().split("\n")) {
      out.append(pad).append(line).append('\n');
    }
    return out.toString();
  }
}

package io.runnel.config;

import java.util.List;

/** The configuration is invalid. Carries every problem found, each naming its YAML path. */
public final class ConfigException extends RuntimeException {
  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String render(List<ConfigProblem> problems) {
    StringBuilder text = new StringBuilder("invalid configuration:");
    for (ConfigProblem problem : problems) {
      text.append(System.lineSeparator()).append(problem);
    }
    return text.toString();
  }
}

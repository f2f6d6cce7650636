package io.runnel.cli;

import io.runnel.config.ConfigException;
import io.runnel.config.ConfigLoader;
import io.runnel.config.ConfigProblem;
import io.runnel.config.RunnelConfig;
import io.runnel.function.FunctionCompiler;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Loads a config file for a command and compiles its functions, printing every problem (one per
 * line) when it is invalid.
 */
final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * The config, or null after printing its problems to {@code err}. A config whose YAML is valid
   * but whose functions do not compile is invalid too.
   */
  static RunnelConfig loadOrReport(Path file, PrintWriter err) {
    try {
      RunnelConfig config = ConfigLoader.load(file);
      FunctionCompiler.compile(config.functions());
      return config;
    } catch (ConfigException e) {
      for (ConfigProblem problem : e.problems()) {
        err.println(problem);
      }
      err.flush();
      return null;
    }
  }
}

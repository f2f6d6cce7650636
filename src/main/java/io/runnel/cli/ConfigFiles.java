package io.runnel.cli;

import io.runnel.config.ConfigException;
import io.runnel.config.ConfigLoader;
import io.runnel.config.ConfigProblem;
import io.runnel.config.RunnelConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads a config file for a command, printing every problem (one per line) when it is invalid. */
final class ConfigFiles {
  private ConfigFiles() {}

  /** The config, or null after printing its problems to {@code err}. */
  static RunnelConfig loadOrReport(Path file, PrintWriter err) {
    try {
      return ConfigLoader.load(file);
    } catch (ConfigException e) {
      for (ConfigProblem problem : e.problems()) {
        err.println(problem);
      }
      err.flush();
      return null;
    }
  }
}

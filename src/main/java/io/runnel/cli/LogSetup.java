package io.runnel.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --log-format} option, shared by the commands. Chooses the Logback configuration before
 * the first logger is created, so it must be applied before any logging happens.
 */
final class LogSetup {
  @Option(
      names = "--log-format",
      defaultValue = "logfmt",
      description =
          "Log line format on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  /** Supported log line formats. */
  enum Format {
    logfmt,
    json
  }

  void apply() {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty(
          "logback.configurationFile", format == Format.json ? "logback-json.xml" : "logback.xml");
    }
  }
}

package io.runnel.cli;

import io.runnel.config.ConfigLoader;
import io.runnel.config.ConfigProblem;
import io.runnel.config.RunnelConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runnel validate --config FILE}: exit 0, or 2 after printing every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Parse and validate a config file; print every problem with its YAML path.")
final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The YAML config file.")
  Path config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    RunnelConfig loaded = ConfigFiles.loadOrReport(config, err);
    if (loaded == null) {
      return Main.EXIT_USAGE;
    }
    for (ConfigProblem warning : ConfigLoader.warnings(loaded)) {
      err.println("warning: " + warning);
    }
    err.flush();
    spec.commandLine()
        .getOut()
        .println(
            config
                + ": valid ("
                + loaded.databases().size()
                + " database(s), "
                + loaded.sinks().size()
                + " sink(s))");
    return Main.EXIT_OK;
  }
}

package io.runnel.cli;

import io.runnel.config.CheckResult;
import io.runnel.config.ConfigLoader;
import io.runnel.config.ConfigProblem;
import io.runnel.config.RunnelConfig;
import io.runnel.sink.sqs.QueueChecks;
import io.runnel.source.SourceChecks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runnel validate --config FILE [--connect]}: exit 0, or 2 after printing every problem.
 * With {@code --connect}, a valid config is also checked against its databases and queues.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Parse and validate a config file; print every problem with its YAML path.")
final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The YAML config file.")
  Path config;

  @Option(
      names = "--connect",
      description =
          "Also check each database (reachable, wal_level, replication privilege, slot,"
              + " publication, tables; a warning when its server certificate is not verified)"
              + " and each queue (reachable, FIFO-ness); each failure says"
              + " how to fix it. Prints how each sink reaches AWS (which proxy, password"
              + " masked).")
  boolean connect;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    RunnelConfig loaded = ConfigFiles.loadOrReport(config, err);
    if (loaded == null) {
      return Main.EXIT_USAGE;
    }
    for (ConfigProblem warning : ConfigLoader.warnings(loaded)) {
      err.println("warning: " + warning);
    }
    err.flush();
    String summary =
        loaded.databases().size() + " database(s), " + loaded.sinks().size() + " sink(s)";
    if (connect) {
      QueueChecks.routes(loaded).forEach(spec.commandLine().getOut()::println);
    }
    if (connect && !connectionsPass(loaded, err)) {
      return Main.EXIT_USAGE;
    }
    spec.commandLine()
        .getOut()
        .println(config + ": valid (" + summary + (connect ? ", connections checked" : "") + ")");
    return Main.EXIT_OK;
  }

  /** Prints each failed check and warning; true when no check failed. */
  private static boolean connectionsPass(RunnelConfig loaded, PrintWriter err) {
    List<CheckResult> results = new ArrayList<>(SourceChecks.check(loaded));
    results.addAll(QueueChecks.check(loaded));
    results.forEach(err::println);
    err.flush();
    return results.stream().noneMatch(CheckResult::isError);
  }
}

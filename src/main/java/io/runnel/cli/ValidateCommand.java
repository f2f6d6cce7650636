package io.runnel.cli;

import io.runnel.config.CheckResult;
import io.runnel.config.ConfigLoader;
import io.runnel.config.ConfigProblem;
import io.runnel.config.RunnelConfig;
import io.runnel.sink.sqs.BucketChecks;
import io.runnel.sink.sqs.QueueChecks;
import io.runnel.source.SourceChecks;
import io.runnel.state.StateStoreChecks;
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
 * {@code runnel validate --config FILE [--connect [--write-test]]}: exit 0, or 2 after printing
 * every problem. With {@code --connect}, a valid config is also checked against its databases,
 * queues and {@code large_payloads} buckets ({@code --write-test}: a test object written and
 * deleted).
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
              + " publication, tables, the state schema's privileges; a warning when its server"
              + " certificate is not verified or a table a backfill reads lacks SELECT),"
              + " each queue (reachable, FIFO-ness) and each large_payloads bucket (HeadBucket);"
              + " each failure says"
              + " how to fix it. Prints how each sink reaches AWS (which proxy, password"
              + " masked).")
  boolean connect;

  @Option(
      names = "--write-test",
      description =
          "With --connect: also write and delete a small test object in each large_payloads"
              + " bucket (PutObject with the configured encryption, then DeleteObject).")
  boolean writeTest;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (writeTest && !connect) {
      err.println("--write-test: only with --connect");
      err.flush();
      return Main.EXIT_USAGE;
    }
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
    if (connect && !connectionsPass(loaded, writeTest, err)) {
      return Main.EXIT_USAGE;
    }
    spec.commandLine()
        .getOut()
        .println(config + ": valid (" + summary + (connect ? ", connections checked" : "") + ")");
    return Main.EXIT_OK;
  }

  /** Prints each failed check and warning; true when no check failed. */
  private static boolean connectionsPass(RunnelConfig loaded, boolean writeTest, PrintWriter err) {
    List<CheckResult> results = new ArrayList<>(SourceChecks.check(loaded));
    results.addAll(StateStoreChecks.check(loaded));
    results.addAll(QueueChecks.check(loaded));
    results.addAll(BucketChecks.check(loaded, writeTest));
    results.forEach(err::println);
    err.flush();
    return results.stream().noneMatch(CheckResult::isError);
  }
}

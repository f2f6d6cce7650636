package io.runnel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code runnel} command line (DESIGN.md §2). Exit codes: 0 ok, 1 runtime failure, 2 usage. */
@Command(
    name = "runnel",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Streams every committed PostgreSQL row change to Amazon SQS as JSON.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      DemoCommand.class,
      BackfillCommand.class
    })
public final class Main implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  /** {@code runnel} without a subcommand is a usage error: the usage goes to stderr, exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("runnel: missing command (run, validate, demo, backfill)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return EXIT_USAGE;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line; tests set its output and error writers. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExitCodeExceptionMapper(
            e -> e instanceof ParameterException ? EXIT_USAGE : EXIT_FAILURE);
  }
}

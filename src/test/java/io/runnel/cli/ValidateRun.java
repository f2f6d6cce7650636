package io.runnel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What one {@code runnel validate} run printed, and its exit code. */
record ValidateRun(int exit, String out, String err) {

  /** Runs {@code validate --config <yaml written to dir> options…} in this JVM. */
  static ValidateRun of(Path dir, String yaml, String... options) throws IOException {
    Path file = Files.createTempFile(dir, "runnel", ".yml");
    Files.writeString(file, yaml);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("validate", "--config", file.toString()));
    args.addAll(List.of(options));
    int exit =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    return new ValidateRun(exit, out.toString(), err.toString());
  }

  /** Stderr lines that are failed checks, not warnings. */
  String[] errors() {
    return Arrays.stream(err.split("\n"))
        .filter(line -> !line.isBlank() && !line.startsWith("warning: "))
        .toArray(String[]::new);
  }
}

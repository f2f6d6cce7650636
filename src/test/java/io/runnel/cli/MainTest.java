package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every usage error exits 2 with a message on stderr (README "Exit codes"). */
class MainTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "frobnicate",
        "run",
        "validate",
        "backfill --config x.yml",
        "validate --config x.yml --bogus",
        "demo --rate fast",
        "run --config"
      })
  void usageErrorsExitTwoAndSayWhy(String line) {
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(out, true));

    int code = cli.execute(line.isEmpty() ? new String[0] : line.split(" "));

    assertThat(code).as("exit code of `runnel %s`", line).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).as("stderr says what is wrong").isNotBlank();
    assertThat(out.toString()).as("stdout").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-V", "validate --help"})
  void helpAndVersionExitZero(String line) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));

    assertThat(cli.execute(line.split(" "))).isZero();
    assertThat(out.toString()).isNotEmpty();
  }
}

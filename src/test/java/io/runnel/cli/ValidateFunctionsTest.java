package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code runnel validate} compiles functions: a CEL error is a config error (exit 2). */
class ValidateFunctionsTest {
  private static final String CONFIG =
      """
      databases:
        - name: db
          hostname: localhost
          database: postgres
          slot_name: runnel_slot
          publication_name: runnel_pub
      functions:
        - name: route-by-table
          type: routing
          expression: '%s'
      sinks:
        - name: orders
          routing: route-by-table
          destination:
            type: sqs
            region: us-east-1
            use_task_role: true
      """;

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run validate(String expression) throws IOException {
    Path file = dir.resolve("runnel.yml");
    Files.writeString(file, CONFIG.formatted(expression));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("validate", "--config", file.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aCompilingRoutingFunctionIsValid() throws IOException {
    Run run =
        validate(
            "{\"queue_url\": \"https://sqs.us-east-1.amazonaws.com/123456789012/\""
                + " + metadata.table_name}");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("valid (1 database(s), 1 sink(s))");
  }

  @Test
  void aCompileErrorExitsTwoNamingFunctionAndPosition() throws IOException {
    Run run =
        validate(
            "{\"queue_url\": \"https://sqs.us-east-1.amazonaws.com/123456789012/\""
                + " + metadata.table_name + }");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("functions[0].expression: function route-by-table at line 1, column 91: ");
  }
}

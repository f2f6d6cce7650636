package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every problem is reported at once, in line order, each line starting with its path. */
class ManyProblemsTest {

  @Test
  void reportsEveryProblemAtOnce() {
    String yaml = Configs.resource("many-problems.yml");

    List<ConfigProblem> problems = Configs.problems(yaml);

    assertThat(problems)
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "server.http_port: must be between 0 and 65535 (0 picks a free port) (was: 99999)"
                + " [line 2]",
            "databases[0].publication.name: required (or the legacy publication_name) [line 4]",
            "databases[0].port: must be an integer (was: fivefourthreetwo) [line 7]",
            "sinks[0].database: no such database (did you mean db?) (was: dbb) [line 11]",
            "sinks[0].bach_size: unknown field (did you mean batch_size?) [line 12]",
            "sinks[0].batch_size: must be between 1 and 10 for SQS (was: 25) [line 13]",
            "sinks[0].tables[0].group_column_names: not allowed with message_grouping: false"
                + " (was: a list) [line 17]",
            "sinks[0].filter: no such function (defined: none) (was: missing) [line 18]",
            "sinks[0].destination.emulator_base_url: required with use_emulator: true [line 19]",
            "sinks[0].destination.secret_access_key: required with access_key_id [line 19]",
            "sinks[0].destination.use_task_role: conflicts with access_key_id/secret_access_key:"
                + " choose one credential mode (static keys or the task role) (was: true) [line"
                + " 23]");
    assertThat(problems).allSatisfy(p -> assertThat(p.toString()).startsWith(p.path() + ": "));
  }

  @Test
  void exceptionMessageListsOneProblemPerLine() {
    ConfigException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigException.class,
            () -> Configs.parse(Configs.sink("batch_size: 11\nstatus: gone")));

    assertThat(e.getMessage().lines())
        .containsExactly(
            "invalid configuration:",
            "sinks[0].batch_size: must be between 1 and 10 for SQS (was: 11) [line 9]",
            "sinks[0].status: must be one of active, paused, disabled (was: gone) [line 10]");
  }

  @Test
  void rootMustBeAMapping() {
    assertThat(Configs.rendered("- a\n- b\n"))
        .containsExactly("$: must be a mapping with databases and sinks (was: a list) [line 1]");
    assertThat(Configs.rendered(""))
        .containsExactly("$: empty configuration: databases and sinks are required");
  }

  @Test
  void loadReadsAFileAndReportsAMissingOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("runnel.yml");
    java.nio.file.Files.writeString(file, Configs.resource("seed-task-role.yml"));

    assertThat(ConfigLoader.load(file).sinks()).hasSize(1);
    ConfigException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(dir.resolve("missing.yml")));
    assertThat(e.problems())
        .singleElement()
        .extracting(ConfigProblem::path)
        .isEqualTo(dir.resolve("missing.yml").toString());
  }
}

package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ${VAR}} and {@code ${VAR:-default}} interpolation. */
class EnvironmentTest {
  private static final String YAML =
      """
      databases:
        - name: db
          hostname: "${DB_HOST:-localhost}"
          port: "${DB_PORT:-5432}"
          database: ${DB_NAME}
          password: |-
            ${DB_PASSWORD}
          slot_name: runnel_slot
          publication_name: runnel_pub
      sinks:
        - name: s
          destination:
            type: sqs
            queue_url: https://sqs.us-east-1.amazonaws.com/${AWS_ACCOUNT}/orders
            use_task_role: ${USE_ROLE:-true}
      """;

  @Test
  void replacesVariablesAndDefaults() {
    Map<String, String> env =
        Map.of(
            "DB_HOST",
            "db.internal",
            "DB_NAME",
            "app",
            "DB_PASSWORD",
            "pa$$: word",
            "AWS_ACCOUNT",
            "123456789012");

    RunnelConfig config = ConfigLoader.parse(YAML, env);

    DatabaseConfig db = config.databases().get(0);
    assertThat(db.hostname()).isEqualTo("db.internal");
    assertThat(db.port()).isEqualTo(5432);
    assertThat(db.database()).isEqualTo("app");
    assertThat(db.password()).isEqualTo("pa$$: word");
    assertThat(config.sinks().get(0).destination().queueUrl())
        .isEqualTo("https://sqs.us-east-1.amazonaws.com/123456789012/orders");
    assertThat(config.sinks().get(0).destination().useTaskRole()).isTrue();
  }

  @Test
  void emptyVariableTakesTheDefaultLikeTheShell() {
    Map<String, String> env =
        Map.of("DB_HOST", "", "DB_NAME", "app", "DB_PASSWORD", "", "AWS_ACCOUNT", "123456789012");

    DatabaseConfig db = ConfigLoader.parse(YAML, env).databases().get(0);

    assertThat(db.hostname()).isEqualTo("localhost");
    assertThat(db.password()).isEmpty();
  }

  @Test
  void unsetVariableWithoutDefaultIsAProblemNamingItAndItsLine() {
    assertThat(Configs.problems(YAML, Map.of("DB_NAME", "app")))
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "databases[0].password: environment variable DB_PASSWORD is not set and has no"
                + " default [line 7]",
            "sinks[0].destination.queue_url: environment variable AWS_ACCOUNT is not set and has"
                + " no default [line 14]");
  }

  @Test
  void unsetVariableDoesNotAlsoFailTheChecksOfItsKey() {
    String yaml = Configs.sink("batch_size: ${BATCH}\ndatabase: ${DB}");

    assertThat(Configs.rendered(yaml))
        .containsExactly(
            "sinks[0].batch_size: environment variable BATCH is not set and has no default [line"
                + " 9]",
            "sinks[0].database: environment variable DB is not set and has no default [line 10]");
  }

  @Test
  void commentsAreNotInterpolated() {
    String yaml = "# ${NOT_SET} in a comment\n" + Configs.sink("batch_size: 5 # ${ALSO_NOT_SET}");

    assertThat(Configs.parse(yaml).sinks().get(0).batchSize()).isEqualTo(5);
  }

  @Test
  void hashInsideQuotesIsNotAComment() {
    String yaml = Configs.sink("annotations: {note: \"#${TAG}\"}");

    RunnelConfig config = ConfigLoader.parse(yaml, Map.of("TAG", "blue"));

    assertThat(config.sinks().get(0).annotations()).containsEntry("note", "#blue");
  }

  @Test
  void doubledDollarWritesALiteralReference() {
    String yaml = Configs.sink("annotations: {template: \"$${NAME}\"}");

    assertThat(Configs.parse(yaml).sinks().get(0).annotations())
        .containsEntry("template", "${NAME}");
  }

  @Test
  void malformedReferenceIsAProblem() {
    assertThat(Configs.rendered(Configs.sink("annotations: {a: \"${not valid}\"}")))
        .containsExactly(
            "sinks[0].annotations.a: malformed variable reference: write ${NAME} or"
                + " ${NAME:-default} ($${ for a literal ${) (was: ${not valid}) [line 9]");
  }

  @Test
  void unresolvedLinesAreReportedEvenWhenTheYamlBreaks() {
    EnvInterpolator.Result result = EnvInterpolator.interpolate("a: 1\nb: ${X}\n", Map.of());

    assertThat(result.unresolved()).containsExactly(new EnvInterpolator.Unresolved("X", 2, false));
    assertThat(result.text()).isEqualTo("a: 1\nb: X\n");
  }

  @Test
  void commentStartIgnoresHashesInsideQuotesAndWords() {
    assertThat(EnvInterpolator.commentStart("a: 'x # y' # z")).isEqualTo(11);
    assertThat(EnvInterpolator.commentStart("a: b#c")).isEqualTo(6);
    assertThat(EnvInterpolator.commentStart("# all")).isZero();
    assertThat(EnvInterpolator.commentStart("a: \"q\\\" # still\" # now")).isEqualTo(17);
  }
}

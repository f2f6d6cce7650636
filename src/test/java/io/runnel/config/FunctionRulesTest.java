package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.FunctionConfig.FunctionType;
import org.junit.jupiter.api.Test;

/** functions: CEL expressions, and Sequin's Elixir and path functions rejected with a hint. */
class FunctionRulesTest {
  private static final String SEED_ROUTING =
      """
      functions:
        - name: route-by-table
          type: routing
          sink_type: sqs
          code: |-
            def route(action, record, changes, metadata) do
              %{
                queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/#{metadata.table_name}"
              }
            end
      """;

  private static String withSink(String functions) {
    return functions + Configs.sink("");
  }

  @Test
  void celFunctions() {
    RunnelConfig config =
        Configs.parse(
            withSink(
                """
                functions:
                  - name: paid
                    description: only paid orders
                    type: filter
                    expression: record.status == "paid"
                """));

    assertThat(config.functions())
        .containsExactly(
            new FunctionConfig("paid", FunctionType.FILTER, null, "record.status == \"paid\""));
    assertThat(config.function("paid")).isPresent();
  }

  @Test
  void elixirRoutingFunctionIsRejectedWithItsCelEquivalent() {
    assertThat(Configs.rendered(withSink(SEED_ROUTING)))
        .containsExactly(
            "functions[0].code: Sequin's Elixir functions can't run in Runnel; write the function"
                + " as a CEL expression under expression: (variables action, record, changes,"
                + " metadata), e.g. expression: '{\"queue_url\":"
                + " \"https://sqs.us-east-1.amazonaws.com/123456789012/\" + metadata.table_name}'"
                + " [line 5]");
  }

  @Test
  void otherElixirIsRejectedWithoutAHint() {
    assertThat(
            Configs.rendered(
                withSink(
                    """
                    functions:
                      - name: vip
                        type: filter
                        code: |-
                          def filter(action, record, changes, metadata) do
                            record["customer_type"] == "VIP"
                          end
                    """)))
        .containsExactly(
            "functions[0].code: Sequin's Elixir functions can't run in Runnel; write the function"
                + " as a CEL expression under expression: (variables action, record, changes,"
                + " metadata) [line 4]");
  }

  @Test
  void elixirNextToAnExpressionIsIgnoredWithAWarning() {
    String yaml = withSink(SEED_ROUTING + "    expression: '{\"queue_url\": \"x\"}'\n");

    RunnelConfig config = Configs.parse(yaml);

    assertThat(config.functions().get(0).expression()).isEqualTo("{\"queue_url\": \"x\"}");
    assertThat(ConfigLoader.warnings(config))
        .extracting(ConfigProblem::toString)
        .contains("functions[0].code: Elixir code is ignored; the CEL expression is used [line 5]");
  }

  @Test
  void anElixirFileNextToAnExpressionIsIgnoredWithAWarning() {
    String yaml =
        withSink(
            """
            functions:
              - name: f
                type: filter
                file: functions/f.exs
                expression: 'action == "insert"'
            """);

    RunnelConfig config = Configs.parse(yaml);

    assertThat(config.functions().get(0).expression()).isEqualTo("action == \"insert\"");
    assertThat(ConfigLoader.warnings(config))
        .extracting(ConfigProblem::toString)
        .contains("functions[0].file: Elixir file is ignored; the CEL expression is used [line 4]");
  }

  @Test
  void typeAndExpressionAreRequired() {
    assertThat(Configs.rendered(withSink("functions:\n  - name: f\n")))
        .containsExactly(
            "functions[0].type: required (routing, filter or transform) [line 2]",
            "functions[0].expression: required (a CEL expression over action, record, changes and"
                + " metadata) [line 2]");
  }

  @Test
  void typeMustBeKnown() {
    assertThat(
            Configs.rendered(
                withSink(
                    """
                    functions:
                      - {name: a, type: router, expression: x}
                      - {name: b, type: enrichment, expression: x}
                      - {name: c, type: path, path: record.id}
                    """)))
        .containsExactly(
            "functions[0].type: must be one of routing, filter, transform (was: router) [line 2]",
            "functions[1].type: Sequin enrichment functions are not supported (must be routing,"
                + " filter or transform) (was: enrichment) [line 3]",
            "functions[2].type: Sequin path functions are not supported; write type: transform"
                + " with expression: 'record.id' (was: path) [line 4]");
  }

  @Test
  void functionFilesAreRejected() {
    assertThat(
            Configs.rendered(
                withSink("functions:\n  - {name: t, type: transform, file: my-transform.exs}\n")))
        .containsExactly(
            "functions[0].file: function files hold Elixir, which can't run in"
                + " Runnel; write a CEL expression: instead [line 2]");
  }

  @Test
  void sinkTypeIsSqsAndOnlyForRouting() {
    assertThat(
            Configs.rendered(
                withSink(
                    """
                    functions:
                      - {name: a, type: routing, sink_type: webhook, expression: x}
                      - {name: b, type: filter, sink_type: sqs, expression: x}
                    """)))
        .containsExactly(
            "functions[0].sink_type: must be sqs (Runnel routes only to SQS) (was: webhook)"
                + " [line 2]",
            "functions[1].sink_type: only applies to routing functions (was: sqs) [line 3]");
  }

  @Test
  void namesAreUnique() {
    assertThat(
            Configs.rendered(
                withSink(
                    """
                    functions:
                      - {name: a, type: filter, expression: x}
                      - {name: a, type: filter, expression: y}
                    """)))
        .containsExactly(
            "functions[1].name: duplicate function name, also used by functions[0] (was: a)"
                + " [line 3]");
  }

  @Test
  void celHintCoversInterpolatedPaths() {
    assertThat(
            ElixirHints.routingExpression(
                "%{queue_url:"
                    + " \"https://sqs.x/#{metadata.table_schema}-#{record[\"tenant\"]}.fifo\"}"))
        .contains(
            "{\"queue_url\": \"https://sqs.x/\" + metadata.table_schema + \"-\""
                + " + string(record[\"tenant\"]) + \".fifo\"}");
    assertThat(ElixirHints.routingExpression("%{queue_url: \"#{String.upcase(x)}\"}")).isEmpty();
    assertThat(ElixirHints.routingExpression("%{method: \"POST\"}")).isEmpty();
  }
}

package io.runnel.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.runnel.config.ConfigException;
import io.runnel.config.ConfigLoader;
import io.runnel.config.ConfigProblem;
import io.runnel.config.FunctionConfig;
import io.runnel.config.FunctionConfig.FunctionType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionCompilerTest {
  private static FunctionConfig function(String name, FunctionType type, String expression) {
    return new FunctionConfig(name, type, type == FunctionType.ROUTING ? "sqs" : null, expression);
  }

  private static List<String> problems(FunctionConfig... functions) {
    return FunctionCompiler.problems(List.of(functions)).stream()
        .map(ConfigProblem::toString)
        .toList();
  }

  @Test
  void validFunctionsCompile() {
    assertThat(
            problems(
                function(
                    "route",
                    FunctionType.ROUTING,
                    "{\"queue_url\": \"https://sqs.us-east-1.amazonaws.com/123456789012/\""
                        + " + metadata.table_name}"),
                function("inserts", FunctionType.FILTER, "action == \"insert\""),
                function("slim", FunctionType.TRANSFORM, "{\"id\": record.id}"),
                function("dyn-filter", FunctionType.FILTER, "record.paid"),
                function(
                    "strings",
                    FunctionType.FILTER,
                    "has(record.status) && record.status.lowerAscii().startsWith(\"ship\")")))
        .isEmpty();
  }

  @Test
  void theCelSuggestedForSequinsElixirRoutingCompiles() {
    String yaml =
        """
        databases:
          - {name: db, hostname: localhost, database: postgres, slot_name: s, publication_name: p}
        functions:
          - name: route
            type: routing
            sink_type: sqs
            code: |-
              def route(action, record, changes, metadata) do
                %{
                  queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/#{metadata.table_name}"
                }
              end
        sinks:
          - name: s
            routing: route
            destination: {type: sqs, region: us-east-1, use_task_role: true}
        """;
    String message =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, Map.of()))
            .problems()
            .get(0)
            .message();
    String suggested =
        message.substring(message.indexOf("expression: '") + 13, message.length() - 1);
    assertThat(suggested)
        .isEqualTo(
            "{\"queue_url\": \"https://sqs.us-east-1.amazonaws.com/123456789012/\""
                + " + metadata.table_name}");
    assertThat(problems(function("route", FunctionType.ROUTING, suggested))).isEmpty();
  }

  @Test
  void theReadmeExamplesCompile() {
    assertThat(
            problems(
                function(
                    "paid-orders",
                    FunctionType.FILTER,
                    "action != \"delete\" && record.status == \"paid\" && record.total >= 100"),
                function(
                    "slim",
                    FunctionType.TRANSFORM,
                    "{\"id\": record.id, \"status\": record.status.upperAscii(), \"op\": action,\n"
                        + " \"was\": changes == null ? null : changes.status}\n"),
                function(
                    "route-by-tenant",
                    FunctionType.ROUTING,
                    "{\"queue_url\": \"https://sqs.us-east-1.amazonaws.com/123456789012/tenant-\""
                        + " + record.tenant\n"
                        + "   + (metadata.table_name == \"orders\" ? \".fifo\" : \"\")}\n"),
                function(
                    "library",
                    FunctionType.TRANSFORM,
                    "[record.s.trim().replace(\"a\", \"b\").split(\",\"), record.s.substring(1, 2),"
                        + " record.s.indexOf(\"x\"), record.s.lastIndexOf(\"x\"), record.s.charAt(0),"
                        + " record.s.reverse(), [\"a\", \"b\"].join(\"-\"), strings.quote(record.s),"
                        + " base64.encode(b\"hi\"), base64.decode(\"aGk=\"), record.s.matches(\"^a\"),"
                        + " [1, 2].exists(x, x > 1), [1, 2].map(x, x * 2)]")))
        .isEmpty();
  }

  @Test
  void theDesignExampleFunctionsCompile() throws IOException {
    String yaml;
    try (InputStream in = getClass().getResourceAsStream("/config/design-full.yml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> env =
        Map.of(
            "RUNNEL_API_TOKEN", "t",
            "STATE_PASSWORD", "p",
            "AWS_SECRET_ACCESS_KEY", "s",
            "EXTERNAL_ID", "e");
    List<FunctionConfig> functions = ConfigLoader.parse(yaml, env).functions();
    assertThat(functions).hasSize(3);
    assertThat(FunctionCompiler.problems(functions)).isEmpty();
  }

  @Test
  void syntaxErrorNamesTheFunctionAndPosition() {
    assertThat(
            problems(
                function("ok", FunctionType.FILTER, "true"),
                function("broken", FunctionType.FILTER, "action ==")))
        .singleElement()
        .asString()
        .startsWith("functions[1].expression: function broken at line 1, column 10: ")
        .contains("mismatched input '<EOF>'");
  }

  @Test
  void positionCountsLinesOfAMultiLineExpression() {
    assertThat(
            problems(
                function(
                    "multi",
                    FunctionType.TRANSFORM,
                    "{\n  \"id\": record.id,\n  \"who\": nobody\n}")))
        .singleElement()
        .asString()
        .startsWith("functions[0].expression: function multi at line 3, column 10: ")
        .contains("undeclared reference to 'nobody'");
  }

  @Test
  void typeErrorsAreCompileErrors() {
    assertThat(problems(function("t", FunctionType.FILTER, "action + 1 == 2")))
        .singleElement()
        .asString()
        .contains("function t at line 1, column 8")
        .contains("found no matching overload for '_+_'");
  }

  @Test
  void aFilterMustReturnABool() {
    assertThat(problems(function("f", FunctionType.FILTER, "action")))
        .containsExactly(
            "functions[0].expression: function f: a filter must return a bool, but this"
                + " expression returns string");
  }

  @Test
  void aRoutingFunctionMustReturnAMap() {
    assertThat(problems(function("r", FunctionType.ROUTING, "\"https://x/1/q\"")))
        .singleElement()
        .asString()
        .contains("function r: a routing function must return a map like {\"queue_url\"");
  }

  @Test
  void everyBrokenFunctionIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                FunctionCompiler.compile(
                    List.of(
                        function("a", FunctionType.FILTER, "action =="),
                        function("b", FunctionType.FILTER, "nope"))))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .extracting(ConfigProblem::path)
                    .containsExactly("functions[0].expression", "functions[1].expression"));
  }
}

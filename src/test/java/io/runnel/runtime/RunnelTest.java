package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.config.ConfigException;
import io.runnel.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnelTest {
  @Test
  void refusesToStartWithAFunctionThatDoesNotCompile() {
    String yaml =
        """
        databases:
          - name: "db"
            hostname: "localhost"
            database: "postgres"
            slot: { name: "s" }
            publication: { name: "p" }
        functions:
          - name: "only-inserts"
            type: "filter"
            expression: 'action =='
        sinks:
          - name: "filtered"
            filter: "only-inserts"
            destination:
              type: "sqs"
              queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/q"
              use_task_role: true
        """;
    assertThatThrownBy(
            () -> Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of()))))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .singleElement()
                    .asString()
                    .startsWith(
                        "functions[0].expression: function only-inserts at line 1, column 10:"));
  }
}

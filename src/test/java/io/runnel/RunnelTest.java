package io.runnel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnelTest {
  @Test
  void refusesToRunASinkWhoseFunctionsItWouldIgnore() {
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
            expression: 'action == "insert"'
        sinks:
          - name: "filtered"
            filter: "only-inserts"
            destination:
              type: "sqs"
              queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/q"
              use_task_role: true
        """;
    assertThatThrownBy(() -> Runnel.start(ConfigLoader.parse(yaml, Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sink filtered")
        .hasMessageContaining("not applied by this version yet");
  }
}

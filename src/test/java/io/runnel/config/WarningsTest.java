package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Non-fatal findings for runnel validate. */
class WarningsTest {

  @Test
  void sinksSharingAFifoQueue() {
    String yaml =
        Configs.sink(
                "",
                """
                queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo
                use_task_role: true
                """)
            + """
              - name: copy
                destination:
                  type: sqs
                  queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo
                  use_task_role: true
            """;

    assertThat(ConfigLoader.warnings(Configs.parse(yaml)))
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "sinks[1].destination.queue_url: FIFO queue also used by sink s: SQS"
                + " drops a change both send within 5 minutes (same deduplication id)"
                + " (was: https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo)");
  }

  @Test
  void standardQueueSharedOrDisabledSinksAreFine() {
    String yaml =
        Configs.sink("")
            + """
              - name: copy
                status: disabled
                destination:
                  type: sqs
                  queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders
                  use_task_role: true
            """;

    assertThat(ConfigLoader.warnings(Configs.parse(yaml))).isEmpty();
  }

  @Test
  void queueNameEndingInFifoWithoutTheDot() {
    String yaml =
        Configs.destination(
            """
            queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders-fifo
            use_task_role: true
            """);

    assertThat(ConfigLoader.warnings(Configs.parse(yaml)))
        .extracting(ConfigProblem::message)
        .containsExactly(
            "the queue name ends in fifo without a dot, so SQS treats it as a"
                + " standard queue (FIFO queue names end in .fifo)");
  }

  @Test
  void idleDatabasesAndUnusedFunctions() {
    String yaml =
        "functions:\n  - {name: f, type: filter, expression: 'true'}\n"
            + Configs.sink("status: disabled");

    assertThat(ConfigLoader.warnings(Configs.parse(yaml)))
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "databases[0]: no enabled sink reads from this database (was: db)",
            "functions[0]: not used by any sink (was: f)");
  }
}

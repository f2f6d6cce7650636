package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unknown, duplicate, rejected and ignored keys. */
class KeysTest {

  @Test
  void unknownKeySuggestsTheNearestKnownKey() {
    assertThat(Configs.rendered(Configs.sink("bach_size: 5")))
        .containsExactly("sinks[0].bach_size: unknown field (did you mean batch_size?) [line 9]");
  }

  @Test
  void suggestionsCatchSwappedLettersAndCase() {
    assertThat(
            Configs.rendered(
                Configs.destination(
                    """
                    queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders
                    use_task_rloe: true
                    Region: us-east-1
                    """)))
        .contains(
            "sinks[0].destination.use_task_rloe: unknown field (did you mean use_task_role?)"
                + " [line 12]",
            "sinks[0].destination.Region: unknown field (did you mean region?) [line 13]");
  }

  @Test
  void unknownKeyWithoutNearMatchListsTheAllowedKeys() {
    assertThat(Configs.rendered("server:\n  colour: blue\n" + Configs.sink("")))
        .first()
        .isEqualTo("server.colour: unknown field (allowed: http_port, bind, api_token) [line 2]");
  }

  @Test
  void unknownTopLevelKey() {
    assertThat(Configs.rendered("sink:\n  - name: s\n" + Configs.sink("")))
        .containsExactly("sink: unknown field (did you mean sinks?) [line 1]");
  }

  @Test
  void duplicateKeyNamesTheFirstLine() {
    assertThat(Configs.rendered(Configs.sink("batch_size: 5\nbatch_size: 6")))
        .containsExactly("sinks[0].batch_size: duplicate key (first set on line 9) [line 10]");
  }

  @Test
  void sequinKeysRunnelCannotHonourAreRejectedWithTheReason() {
    assertThat(
            Configs.rendered(
                Configs.sink(
                    """
                    filters:
                      - column_name: status
                    group_column_names: [id]
                    schema: public
                    """)))
        .containsExactly(
            "sinks[0].filters: Sequin's column filters are not supported; write a filter function"
                + " (a CEL expression) and name it in filter: [line 9]",
            "sinks[0].group_column_names: set it per table instead: tables: [{name: …,"
                + " group_column_names: […]}] [line 11]",
            "sinks[0].schema: use source: {include_schemas: [<schema>]} instead [line 12]");
  }

  @Test
  void sequinOnlyKeysAreAcceptedIgnoredAndWarned() {
    String yaml =
        """
        account:
          name: my-account
        users:
          - email: admin@example.com
            password: adminpass123
        """
            + Configs.sink("").replace("    hostname:", "    pool_size: 10\n    hostname:");

    RunnelConfig config = Configs.parse(yaml);

    assertThat(ConfigLoader.warnings(config))
        .extracting(ConfigProblem::toString)
        .containsExactly(
            "account: accepted for Sequin compatibility and ignored by Runnel [line 1]",
            "users: accepted for Sequin compatibility and ignored by Runnel [line 3]",
            "databases[0].pool_size: accepted for Sequin compatibility and ignored by Runnel"
                + " [line 8]");
    assertThat(config.ignoredKeys()).hasSize(3);
  }

  @Test
  void anchorsAndMergeKeysWork() {
    String yaml =
        Configs.DATABASE
            + """
            base_sink: &base
              batch_size: 5
              destination:
                type: sqs
                queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/orders
                use_task_role: true
            sinks:
              - <<: *base
                name: a
              - <<: *base
                name: b
                batch_size: 7
            """;

    RunnelConfig config = Configs.parse(yaml);

    assertThat(config.sinks()).extracting(SinkConfig::batchSize).containsExactly(5, 7);
    assertThat(config.sinks().get(1).destination().useTaskRole()).isTrue();
  }

  @Test
  void problemsInMergedKeysNameThePathTheyAreUsedAt() {
    String yaml =
        Configs.DATABASE
            + """
            base_sink: &base
              batch_size: 50
            sinks:
              - <<: *base
                name: a
                destination: {type: sqs, use_task_role: true, region: us-east-1}
                routing: none
            """;

    assertThat(Configs.rendered(yaml))
        .containsExactly(
            "sinks[0].batch_size: must be between 1 and 10 for SQS (was: 50) [line 8]",
            "sinks[0].destination.queue_url: required (unless the sink has a routing function)"
                + " [line 12]");
  }

  @Test
  void editDistanceCountsASwapAsOneEdit() {
    assertThat(KeyChecker.distance("bach_size", "batch_size")).isEqualTo(1);
    assertThat(KeyChecker.distance("abc", "acb")).isEqualTo(1);
    assertThat(KeyChecker.suggest("xyz", java.util.List.of("batch_size"))).isNull();
  }
}

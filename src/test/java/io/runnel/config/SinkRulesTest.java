package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** sinks: options, tables, references, and each rejection. */
class SinkRulesTest {
  private static final String TWO_DATABASES =
      Configs.DATABASE
          + """
            - {name: other, hostname: h, database: d, slot_name: s2, publication_name: p2}
          """;

  @Test
  void batchSizeMustFitSqs() {
    assertThat(Configs.rendered(Configs.sink("batch_size: 25")))
        .containsExactly(
            "sinks[0].batch_size: must be between 1 and 10 for SQS (was: 25) [line 9]");
    assertThat(Configs.rendered(Configs.sink("batch_size: 0")))
        .containsExactly("sinks[0].batch_size: must be between 1 and 10 for SQS (was: 0) [line 9]");
  }

  @Test
  void wrongTypes() {
    assertThat(
            Configs.rendered(
                Configs.sink(
                    """
                    batch_size: "ten"
                    message_grouping: 1
                    actions: insert
                    max_retry_count: 2.5
                    annotations: [a]
                    """)))
        .containsExactly(
            "sinks[0].batch_size: must be an integer (was: ten) [line 9]",
            "sinks[0].message_grouping: must be true or false (was: 1) [line 10]",
            "sinks[0].actions: must be a list (was: insert) [line 11]",
            "sinks[0].max_retry_count: must be an integer (was: 2.5) [line 12]",
            "sinks[0].annotations: must be a mapping (was: a list) [line 13]");
  }

  @Test
  void quotedNumbersAndBooleansAreAccepted() {
    SinkConfig sink =
        Configs.parse(Configs.sink("batch_size: \"5\"\nmessage_grouping: \"false\""))
            .sinks()
            .get(0);

    assertThat(sink.batchSize()).isEqualTo(5);
    assertThat(sink.messageGrouping()).isFalse();
  }

  @Test
  void enumsListTheAllowedValues() {
    assertThat(
            Configs.rendered(
                Configs.sink(
                    """
                    status: running
                    timestamp_format: unix
                    actions: [insert, truncate]
                    max_retry_count: -1
                    """)))
        .containsExactly(
            "sinks[0].status: must be one of active, paused, disabled (was: running) [line 9]",
            "sinks[0].timestamp_format: must be one of iso8601, unix_microsecond (was: unix)"
                + " [line 10]",
            "sinks[0].actions[1]: must be one of insert, update, delete (was: truncate) [line 11]",
            "sinks[0].max_retry_count: must be 0 or more (null retries forever) (was: -1)"
                + " [line 12]");
  }

  @Test
  void actionsMustNotBeEmpty() {
    assertThat(Configs.rendered(Configs.sink("actions: []")))
        .containsExactly(
            "sinks[0].actions: must list at least one of insert, update, delete (was: []) [line"
                + " 9]");
  }

  @Test
  void nameIsRequiredAndUnique() {
    String yaml =
        Configs.sink("")
            + """
              - destination: {type: sqs, use_task_role: true, region: us-east-1}
                routing: none
              - name: s
                destination: {type: sqs, use_task_role: true, region: us-east-1}
            """;

    assertThat(Configs.rendered(yaml))
        .contains(
            "sinks[1].name: required [line 13]",
            "sinks[2].name: duplicate sink name, also used by sinks[0] (was: s) [line 15]");
  }

  @Test
  void databaseMayBeOmittedOnlyWithOneDatabase() {
    assertThat(Configs.parse(Configs.sink("")).sinks().get(0).database()).isEqualTo("db");

    String yaml = TWO_DATABASES + Configs.sink("").substring(Configs.DATABASE.length());
    assertThat(Configs.rendered(yaml))
        .containsExactly(
            "sinks[0].database: required when several databases are configured (db, other) [line"
                + " 9]");
  }

  @Test
  void databaseMustExist() {
    assertThat(Configs.rendered(Configs.sink("database: dv")))
        .containsExactly(
            "sinks[0].database: no such database (did you mean db?) (was: dv) [line 9]");
    assertThat(Configs.rendered(Configs.sink("database: warehouse")))
        .containsExactly(
            "sinks[0].database: no such database (defined: db) (was: warehouse) [line 9]");
  }

  @Test
  void functionsMustExistAndHaveTheRightType() {
    String yaml =
        """
        functions:
          - {name: only-paid, type: filter, expression: 'record.paid'}
        """
            + Configs.sink("filter: only-pad\ntransform: only-paid\nrouting: none");

    assertThat(Configs.rendered(yaml))
        .containsExactly(
            "sinks[0].filter: no such function (did you mean only-paid?) (was: only-pad) [line 11]",
            "sinks[0].transform: must name a transform function, but only-paid is a filter function"
                + " (was: only-paid) [line 12]");
  }

  @Test
  void noneMeansNoFunctionAndAnnotationsKeepTheirTypes() {
    SinkConfig sink =
        Configs.parse(
                Configs.sink(
                    """
                    filter: none
                    transform: ~
                    enrichment: none
                    annotations:
                      owner: team-a
                      retries: 3
                      ratio: 0.5
                      on_call: true
                      nothing: null
                      tags: [x, y]
                    """))
            .sinks()
            .get(0);

    assertThat(sink.filter()).isNull();
    assertThat(sink.transform()).isNull();
    assertThat(sink.annotations())
        .containsEntry("owner", "team-a")
        .containsEntry("retries", 3L)
        .containsEntry("ratio", 0.5)
        .containsEntry("on_call", true)
        .containsEntry("nothing", null)
        .containsEntry("tags", List.of("x", "y"));
  }

  @Test
  void enrichmentFunctionsAreRejected() {
    assertThat(Configs.rendered(Configs.sink("enrichment: add-customer")))
        .containsExactly(
            "sinks[0].enrichment: Sequin enrichment functions are not supported (leave it out or"
                + " set it to none) (was: add-customer) [line 9]");
  }

  @Test
  void sinksAreRequired() {
    assertThat(Configs.rendered(Configs.DATABASE))
        .containsExactly("sinks: at least one sink is required");
    assertThat(Configs.rendered(Configs.DATABASE + "sinks:\n  name: s\n"))
        .containsExactly("sinks: must be a list (was: a mapping) [line 7]");
  }
}

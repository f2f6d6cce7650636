package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.decode.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sinks[].table, tables and source: what a sink streams, and each rejection. */
class TableRulesTest {

  @Test
  void tableAndTablesAndSourceConflicts() {
    assertThat(
            Configs.rendered(
                Configs.sink(
                    """
                    table: public.orders
                    tables: [{name: public.orders}]
                    source: {include_schemas: [public]}
                    """)))
        .containsExactly(
            "sinks[0].tables: use either table or tables, not both (was: a list) [line 10]",
            "sinks[0].source: use either table or source, not both (was: a mapping) [line 11]");
  }

  @Test
  void tableNamesMustParse() {
    assertThat(
            Configs.rendered(
                Configs.sink(
                    """
                    tables:
                      - name: a.b.c
                      - name: '"unterminated'
                      - group_column_names: [x]
                    """)))
        .containsExactly(
            "sinks[0].tables[0].name: not a table name (expected schema.table or table)"
                + " (was: a.b.c) [line 10]",
            "sinks[0].tables[1].name: unterminated quote in table name: \"unterminated"
                + " (was: \"unterminated) [line 11]",
            "sinks[0].tables[2].name: required [line 12]");
  }

  @Test
  void tableNamesFoldLikePostgres() {
    SinkConfig sink =
        Configs.parse(Configs.sink("tables: [{name: Sales.Orders}, {name: '\"Mixed\"'}]"))
            .sinks()
            .get(0);

    assertThat(sink.tables())
        .extracting(TableConfig::table)
        .containsExactly(new TableId("sales", "orders"), new TableId("public", "Mixed"));
  }

  @Test
  void groupColumnsNeedGrouping() {
    assertThat(
            Configs.rendered(
                Configs.sink(
                    """
                    message_grouping: false
                    tables:
                      - name: public.orders
                        group_column_names: [customer_id]
                    """)))
        .containsExactly(
            "sinks[0].tables[0].group_column_names: not allowed with message_grouping: false"
                + " (was: a list) [line 12]");
  }

  @Test
  void groupColumnsMustNameColumnsAndTablesAppearOnce() {
    assertThat(
            Configs.rendered(
                Configs.sink(
                    """
                    tables:
                      - {name: orders, group_column_names: []}
                      - {name: public.orders}
                    """)))
        .containsExactly(
            "sinks[0].tables[0].group_column_names: must name at least one column (leave it out"
                + " to group by the primary key) (was: []) [line 10]",
            "sinks[0].tables[1].name: table listed twice (also in sinks[0].tables[0])"
                + " (was: public.orders) [line 11]");
  }

  @Test
  void sourceSelectsAndTablesOnlyGroup() {
    SinkConfig sink =
        Configs.parse(
                Configs.sink(
                    """
                    source:
                      include_tables: [public.orders, billing.invoices]
                    tables:
                      - {name: public.orders, group_column_names: [customer_id]}
                    """))
            .sinks()
            .get(0);

    assertThat(sink.source().includeTables())
        .containsExactly(new TableId("public", "orders"), new TableId("billing", "invoices"));
    assertThat(sink.streams(new TableId("billing", "invoices"))).isTrue();
    assertThat(sink.streams(new TableId("public", "users"))).isFalse();
    assertThat(sink.groupColumnNames(new TableId("public", "orders")))
        .isEqualTo(List.of("customer_id"));
  }

  @Test
  void sourceListRules() {
    assertThat(
            Configs.rendered(
                Configs.sink(
                    """
                    source:
                      include_schemas: [public]
                      exclude_schemas: [audit]
                      include_tables: []
                      exclude_tables: [a.b.c]
                    tables:
                      - {name: other.users}
                    """)))
        .containsExactly(
            "sinks[0].source.exclude_schemas: use either include_schemas or exclude_schemas, not"
                + " both (was: a list) [line 11]",
            "sinks[0].source.include_tables: must not be empty (leave it out instead) (was: [])"
                + " [line 12]",
            "sinks[0].source.exclude_tables: use either include_tables or exclude_tables, not"
                + " both (was: a list) [line 13]",
            "sinks[0].source.exclude_tables[0]: not a table name (expected schema.table or"
                + " table) (was: a.b.c) [line 13]");
  }

  @Test
  void tablesMustBeInsideTheSource() {
    assertThat(
            Configs.rendered(
                Configs.sink(
                    """
                    source: {include_schemas: [public]}
                    tables: [{name: billing.invoices, group_column_names: [account_id]}]
                    """)))
        .containsExactly(
            "sinks[0].tables[0].name: not streamed: source does not include it"
                + " (was: billing.invoices) [line 10]");
  }
}

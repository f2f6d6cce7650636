package io.runnel.function;

import static io.runnel.function.Messages.change;
import static io.runnel.function.Messages.insert;
import static io.runnel.function.Messages.row;
import static io.runnel.function.Messages.variables;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runnel.config.FunctionConfig;
import io.runnel.config.FunctionConfig.FunctionType;
import io.runnel.config.SinkConfig;
import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.message.EncodedMessage;
import io.runnel.message.RandomText;
import io.runnel.message.SqsBodyRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkFunctionsTest {
  private static final String AWS = "https://sqs.us-east-1.amazonaws.com/123456789012/";
  private static final Change PAID = insert(row("7", "Shipped", "12.5", "t"));

  private static SinkFunctions functions(String filter, String transform, String routing) {
    List<FunctionConfig> configs = new ArrayList<>();
    if (filter != null) {
      configs.add(new FunctionConfig("f", FunctionType.FILTER, null, filter));
    }
    if (transform != null) {
      configs.add(new FunctionConfig("t", FunctionType.TRANSFORM, null, transform));
    }
    if (routing != null) {
      configs.add(new FunctionConfig("r", FunctionType.ROUTING, "sqs", routing));
    }
    SinkConfig sink =
        Messages.sink(
            filter == null ? null : "f",
            transform == null ? null : "t",
            routing == null ? null : "r");
    return FunctionCompiler.compile(configs).forSink(sink, new SimpleMeterRegistry());
  }

  private static Verdict filter(String expression, Change change) {
    return functions(expression, null, null).apply(variables(change));
  }

  private static String transform(String expression, Change change) {
    Verdict verdict = functions(null, expression, null).apply(variables(change));
    assertThat(verdict).asString().startsWith("Send[");
    return ((Verdict.Send) verdict).body();
  }

  private static Verdict route(String expression, Change change) {
    return functions(null, null, expression).apply(variables(change));
  }

  @Test
  void filterKeepsOrDrops() {
    assertThat(filter("action == \"insert\"", PAID)).isEqualTo(new Verdict.Send(null, null));
    assertThat(filter("action == \"delete\"", PAID)).isInstanceOf(Verdict.Drop.class);
    assertThat(filter("record.paid && record.total > 10", PAID)).isInstanceOf(Verdict.Send.class);
    assertThat(filter("record.total > 20.0", PAID)).isInstanceOf(Verdict.Drop.class);
  }

  @Test
  void droppedMessagesAreCounted() {
    SinkFunctions functions = functions("record.id != 7", null, null);
    functions.apply(variables(PAID));
    functions.apply(variables(insert(row("8", "new", "1", "f"))));
    assertThat(functions.filteredCount()).isEqualTo(1);
  }

  @Test
  void valuesHaveTheirJsonTypes() {
    assertThat(transform("[record.id, record.status, record.total, record.paid]", PAID))
        .isEqualTo("[7,\"Shipped\",12.5,true]");
    assertThat(transform("[record.tags, record.details.customer.tier, record.placed_at]", PAID))
        .isEqualTo("[[\"a\",\"b\"],\"gold\",\"2024-10-28T21:37:01.127470Z\"]");
    assertThat(transform("record.id + record.details.n", PAID)).isEqualTo("10");
  }

  @Test
  void metadataMatchesTheBody() {
    assertThat(
            transform(
                "[metadata.table_schema, metadata.table_name, metadata.commit_lsn,"
                    + " metadata.commit_idx, metadata.record_pks, metadata.database_name,"
                    + " metadata.consumer.name, metadata.consumer.annotations.team,"
                    + " metadata.transaction_annotations, metadata.commit_timestamp]",
                PAID))
        .isEqualTo(
            "[\"public\",\"orders\",123456789,2,[\"7\"],\"shop\",\"orders-sink\",\"billing\","
                + "null,\"2024-10-28T21:37:01.127470Z\"]");
  }

  @Test
  void sqlNullIsNullAndChangesIsNullOutsideUpdates() {
    Change withNull = insert(row("9", null, "1", "f"));
    assertThat(filter("record.status == null && changes == null", withNull))
        .isInstanceOf(Verdict.Send.class);
    assertThat(filter("has(record.status) && !has(record.nope)", withNull))
        .isInstanceOf(Verdict.Send.class);
  }

  @Test
  void changesHoldsAnUpdatesOldValues() {
    Change update =
        change(
            Messages.ORDERS_FULL,
            Action.UPDATE,
            row("7", "shipped", "12.5", "t"),
            row("7", "paid", "12.5", "t"));
    assertThat(transform("changes", update)).isEqualTo("{\"status\":\"paid\"}");
    assertThat(filter("\"status\" in changes && changes.status == \"paid\"", update))
        .isInstanceOf(Verdict.Send.class);
  }

  @Test
  void changesIsEmptyWhenTheOldRowIsUnknown() {
    Change update = change(Action.UPDATE, row("7", "shipped", "12.5", "t"), null);
    assertThat(transform("changes", update)).isEqualTo("{}");
  }

  @Test
  void transformReshapesTheBody() {
    assertThat(
            transform(
                "{\"order\": record.id, \"status\": record.status.lowerAscii(), \"op\": action,"
                    + " \"table\": metadata.table_name}",
                PAID))
        .isEqualTo("{\"order\":7,\"status\":\"shipped\",\"op\":\"insert\",\"table\":\"orders\"}");
    assertThat(transform("record.status", PAID)).isEqualTo("\"Shipped\"");
    assertThat(transform("record", PAID)).startsWith("{\"id\":7,\"status\":\"Shipped\",");
  }

  @Test
  void jsonWritesAValueAsText() {
    assertThat(transform("{\"row\": json(record.details), \"n\": json(null)}", PAID))
        .isEqualTo(
            "{\"row\":\"{\\\"customer\\\":{\\\"tier\\\":\\\"gold\\\"},\\\"n\\\":3}\",\"n\":\"null\"}");
  }

  @Test
  void routingPicksTheQueue() {
    assertThat(route("{\"queue_url\": \"" + AWS + "\" + metadata.table_name}", PAID))
        .isEqualTo(new Verdict.Send(null, AWS + "orders"));
    assertThat(
            route(
                "{\"queue_url\": \""
                    + AWS
                    + "\" + (record.total > 10.0 ? \"big.fifo\" : \"small\")}",
                PAID))
        .isEqualTo(new Verdict.Send(null, AWS + "big.fifo"));
  }

  @Test
  void aBadRoutedUrlFailsTheMessage() {
    assertThat(route("{\"queue_url\": \"ftp://nowhere/q\"}", PAID))
        .isEqualTo(
            new Verdict.Fail(
                "routing error: routing function r: queue_url ftp://nowhere/q must start with"
                    + " https://"));
    assertThat(
            route("{\"queue_url\": \"https://sqs.eu-west-1.amazonaws.com/123456789012/q\"}", PAID))
        .asString()
        .contains("is in region eu-west-1, but the sink's region is us-east-1");
    assertThat(
            route(
                "{\"queue_url\": \"https://eu-west-1.queue.amazonaws.com/123456789012/q\"}", PAID))
        .asString()
        .contains("is in region eu-west-1, but the sink's region is us-east-1");
    assertThat(route("{\"url\": \"x\"}", PAID))
        .asString()
        .contains("must return a map with queue_url, returned {\"url\":\"x\"}");
    assertThat(route("{\"queue_url\": record.id}", PAID))
        .asString()
        .contains("queue_url must be a string, was 7");
  }

  @Test
  void runtimeErrorsFailTheMessage() {
    assertThat(filter("record.missing == 1", PAID))
        .isInstanceOf(Verdict.Fail.class)
        .asString()
        .contains("function error: filter function f: ")
        .contains("key 'missing' is not present in map");
    assertThat(filter("record.id / 0 == 1", PAID))
        .asString()
        .contains("function error: filter function f: ")
        .contains("/ by zero");
    assertThat(filter("record.status + 1 == 2", PAID)).asString().contains("No matching overload");
    assertThat(filter("record.status", PAID))
        .isEqualTo(
            new Verdict.Fail(
                "function error: filter function f: must return a bool, returned \"Shipped\""));
  }

  @Test
  void filterRunsFirstThenTransformAndRoutingOnTheOriginal() {
    SinkFunctions all =
        functions(
            "action == \"insert\"",
            "{\"only\": record.id}",
            "{\"queue_url\": \"" + AWS + "\" + record.status.lowerAscii()}");
    assertThat(all.apply(variables(PAID)))
        .isEqualTo(new Verdict.Send("{\"only\":7}", AWS + "shipped"));
    assertThat(all.apply(variables(change(Action.DELETE, null, row("7", "x", "1", "t")))))
        .isInstanceOf(Verdict.Drop.class);
  }

  /**
   * Issue 18: a transform's body with characters SQS refuses (U+FFFE, U+FFFF, controls) is escaped
   * once it becomes the message, keys and values alike, and parses back to the exact text.
   */
  @Test
  void aTransformedBodyParsesBackToTheExactTextOnceEscaped() throws IOException {
    SinkFunctions functions =
        functions(null, "{\"v\": [record.status], \"k\": {record.status: 1}}", null);
    RandomText random = new RandomText(180);
    for (int i = 0; i < 500; i++) {
      String status = random.next(12, false);
      Verdict verdict = functions.apply(variables(insert(row("7", status, "1", "t"))));
      String body =
          new EncodedMessage(((Verdict.Send) verdict).body(), "k", null, List.of()).body();

      assertThat(SqsBodyRule.firstRefused(body)).as(body).isNull();
      JsonNode parsed = new ObjectMapper().readTree(body);
      assertThat(parsed.at("/v/0").textValue()).isEqualTo(status);
      assertThat(parsed.get("k").fieldNames().next()).isEqualTo(status);
    }
  }
}

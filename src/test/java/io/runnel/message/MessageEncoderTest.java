package io.runnel.message;

import static io.runnel.message.Fixtures.col;
import static io.runnel.message.Fixtures.insert;
import static io.runnel.message.Fixtures.key;
import static io.runnel.message.Fixtures.parse;
import static io.runnel.message.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.Lsn;
import io.runnel.decode.Relation;
import io.runnel.decode.TableId;
import io.runnel.decode.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Keys, key order and per-sink settings of {@link MessageEncoder}; values are in the golden test.
 */
class MessageEncoderTest {
  private final MessageEncoder encoder = new MessageEncoder(Fixtures.context());

  private static Change orderInsert() {
    return insert(
        MessageEncoderGoldenTest.ordersFull(),
        MessageEncoderGoldenTest.order("1234", "149.99", "gift", "{a}"));
  }

  @Test
  void keysAreWrittenInContractOrder() {
    String body = encoder.encode(orderInsert()).body();

    JsonNode message = parse(body);
    assertThat(fieldNames(message)).containsExactly("record", "changes", "action", "metadata");
    assertThat(fieldNames(message.get("metadata")))
        .containsExactly(
            "table_schema",
            "table_name",
            "commit_timestamp",
            "commit_lsn",
            "commit_idx",
            "idempotency_key",
            "record_pks",
            "database_name",
            "transaction_annotations",
            "enrichment",
            "consumer",
            "database");
    assertThat(fieldNames(message.at("/metadata/consumer")))
        .containsExactly("id", "name", "annotations");
    assertThat(fieldNames(message.at("/metadata/database")))
        .containsExactly("id", "name", "annotations", "database", "hostname");
    assertThat(fieldNames(message.get("record")))
        .containsExactly("id", "customer_id", "price", "note", "created_at", "tags");
    assertThat(body).startsWith("{\"record\":{\"id\":1234,");
  }

  @Test
  void idempotencyKeyIsBase64OfLsnAndIndex() {
    Change change =
        Fixtures.at(orderInsert(), Lsn.parse("16/B374D848"), 17, Fixtures.COMMIT_TIMESTAMP);

    EncodedMessage message = encoder.encode(change);

    // 0x16B374D848 = 97500059720
    assertThat(message.idempotencyKey()).isEqualTo("OTc1MDAwNTk3MjA6MTc=");
    assertThat(parse(message.body()).at("/metadata/commit_lsn").asLong()).isEqualTo(97500059720L);
    assertThat(parse(message.body()).at("/metadata/commit_idx").asInt()).isEqualTo(17);
    assertThat(parse(message.body()).at("/metadata/idempotency_key").asText())
        .isEqualTo("OTc1MDAwNTk3MjA6MTc=");
  }

  @Test
  void commitTimestampHasExactlySixFractionalDigits() {
    Change whole =
        Fixtures.at(orderInsert(), Fixtures.COMMIT_LSN, 0, Instant.parse("2024-10-28T21:37:01Z"));
    Change nanos =
        Fixtures.at(
            orderInsert(), Fixtures.COMMIT_LSN, 0, Instant.parse("2024-10-28T21:37:01.123456789Z"));

    assertThat(parse(encoder.encode(whole).body()).at("/metadata/commit_timestamp").asText())
        .isEqualTo("2024-10-28T21:37:01.000000Z");
    assertThat(parse(encoder.encode(nanos).body()).at("/metadata/commit_timestamp").asText())
        .isEqualTo("2024-10-28T21:37:01.123456Z");
  }

  @Test
  void commitTimestampStaysIsoWithUnixMicroseconds() {
    MessageEncoder unix =
        new MessageEncoder(Fixtures.context(TimestampFormat.UNIX_MICROSECOND, true, Map.of()));

    JsonNode message = parse(unix.encode(orderInsert()).body());

    assertThat(message.at("/metadata/commit_timestamp").asText())
        .isEqualTo("2024-10-28T21:37:01.127470Z");
    assertThat(message.at("/record/created_at").asLong()).isEqualTo(1730151421127470L);
  }

  @Test
  void groupColumnNamesReplaceThePrimaryKeyAsGroupKey() {
    MessageEncoder grouped =
        new MessageEncoder(
            Fixtures.context(
                TimestampFormat.ISO8601,
                true,
                Map.of(TableId.parse("public.orders"), List.of("customer_id", "price"))));

    EncodedMessage message = grouped.encode(orderInsert());

    assertThat(message.groupKey()).isEqualTo("789:149.99");
    assertThat(message.recordPks()).containsExactly("1234");
  }

  @Test
  void groupColumnsOfAnotherTableDoNotApply() {
    MessageEncoder grouped =
        new MessageEncoder(
            Fixtures.context(
                TimestampFormat.ISO8601,
                true,
                Map.of(TableId.parse("public.other"), List.of("customer_id"))));

    assertThat(grouped.encode(orderInsert()).groupKey()).isEqualTo("1234");
  }

  @Test
  void nullAndMissingGroupColumnsAreEmptyStrings() {
    MessageEncoder grouped =
        new MessageEncoder(
            Fixtures.context(
                TimestampFormat.ISO8601,
                true,
                Map.of(TableId.parse("public.orders"), List.of("note", "dropped", "id"))));
    Change change =
        insert(
            MessageEncoderGoldenTest.ordersFull(),
            MessageEncoderGoldenTest.order("1234", "149.99", null, "{a}"));

    assertThat(grouped.encode(change).groupKey()).isEqualTo("::1234");
  }

  @Test
  void groupColumnsWorkForTablesWithoutPrimaryKey() {
    MessageEncoder grouped =
        new MessageEncoder(
            Fixtures.context(
                TimestampFormat.ISO8601, true, Map.of(TableId.parse("events"), List.of("at"))));

    EncodedMessage message =
        grouped.encode(
            insert(MessageEncoderGoldenTest.events(), MessageEncoderGoldenTest.eventRow()));

    assertThat(message.groupKey()).isEqualTo("2024-10-28 23:37:01.12747+02");
    assertThat(message.recordPks()).isEmpty();
  }

  @Test
  void noGroupKeyWhenGroupingIsOff() {
    MessageEncoder ungrouped =
        new MessageEncoder(Fixtures.context(TimestampFormat.ISO8601, false, Map.of()));

    EncodedMessage message = ungrouped.encode(orderInsert());

    assertThat(message.groupKey()).isNull();
    assertThat(message.recordPks()).containsExactly("1234");
    assertThat(parse(message.body()).at("/metadata/record_pks").get(0).asText()).isEqualTo("1234");
  }

  @Test
  void unchangedToastedKeyIsResolvedFromTheOldRow() {
    Relation relation =
        Fixtures.relation(16900, "public.docs", 'f', List.of(key("slug", 25), key("body", 25)), 0);
    Tuple old = Tuple.ofText("a-very-long-slug", "v1");
    Tuple row = new Tuple.Builder(2).unchangedToast().text("v2").build();

    EncodedMessage message = encoder.encode(update(relation, row, old));

    assertThat(message.recordPks()).containsExactly("a-very-long-slug");
    assertThat(message.groupKey()).isEqualTo("a-very-long-slug");
    assertThat(parse(message.body()).get("changes")).isEqualTo(parse("{\"body\": \"v1\"}"));
  }

  @Test
  void readActionHasNullChanges() {
    Change read =
        Fixtures.change(
            Action.READ,
            MessageEncoderGoldenTest.ordersFull(),
            MessageEncoderGoldenTest.order("1234", "149.99", "gift", "{a}"),
            null);

    JsonNode message = parse(encoder.encode(read).body());

    assertThat(message.get("action").asText()).isEqualTo("read");
    assertThat(message.get("changes").isNull()).isTrue();
  }

  @Test
  void consumerAnnotationsAreEmbedded() {
    MessageContext base = Fixtures.context();
    MessageContext annotated =
        new MessageContext(
            base.consumerId(),
            base.consumerName(),
            Map.of("team", "data", "tier", 1, "tags", List.of("a", "b")),
            base.databaseId(),
            base.databaseName(),
            base.databaseDatabase(),
            base.databaseHostname(),
            base.timestampFormat(),
            true,
            Map.of());

    JsonNode message = parse(new MessageEncoder(annotated).encode(orderInsert()).body());

    assertThat(message.at("/metadata/consumer/annotations"))
        .isEqualTo(parse("{\"tags\": [\"a\", \"b\"], \"team\": \"data\", \"tier\": 1}"));
  }

  @Test
  void annotationsThatAreNotJsonBecomeAString() {
    Change change = Fixtures.withAnnotations(orderInsert(), "not json {");

    JsonNode message = parse(encoder.encode(change).body());

    assertThat(message.at("/metadata/transaction_annotations").asText()).isEqualTo("not json {");
  }

  @Test
  void aNewRelationInstanceForTheSameTableIsHonoured() {
    Relation v1 =
        Fixtures.relation(17000, "public.t", 'd', List.of(key("id", 23), col("v", 25)), 0);
    Relation v2 =
        Fixtures.relation(17000, "public.t", 'd', List.of(key("id", 23), col("v", 23)), 0);

    JsonNode first = parse(encoder.encode(insert(v1, Tuple.ofText("1", "42"))).body());
    JsonNode second = parse(encoder.encode(insert(v2, Tuple.ofText("1", "42"))).body());
    JsonNode third = parse(encoder.encode(insert(v1, Tuple.ofText("1", "42"))).body());
    Relation v1Again =
        Fixtures.relation(17000, "public.t", 'd', List.of(key("id", 23), col("v", 25)), 0);
    JsonNode fourth = parse(encoder.encode(insert(v1Again, Tuple.ofText("1", "42"))).body());

    assertThat(first.at("/record/v").isTextual()).isTrue();
    assertThat(second.at("/record/v").isInt()).isTrue();
    assertThat(third.at("/record/v").isTextual()).isTrue();
    assertThat(fourth).isEqualTo(first);
  }

  @Test
  void rowOfTheWrongWidthIsRejected() {
    Change change = insert(MessageEncoderGoldenTest.ordersFull(), Tuple.ofText("1", "2"));

    assertThatThrownBy(() -> encoder.encode(change))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public.orders has 2 values but its relation has 6 columns");
  }

  @Test
  void encodesConcurrently() throws Exception {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Relation relation =
          i % 2 == 0 ? KitchenSink.relation() : MessageEncoderGoldenTest.ordersFull();
      changes.add(
          i % 2 == 0
              ? insert(relation, KitchenSink.row())
              : insert(relation, MessageEncoderGoldenTest.order("" + i, "1", "n", "{a}")));
    }
    List<String> expected = changes.stream().map(c -> encoder.encode(c).body()).toList();
    MessageEncoder shared = new MessageEncoder(Fixtures.context());
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> changes.stream().map(c -> shared.encode(c).body()).toList()));
      }
      for (Future<List<String>> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}

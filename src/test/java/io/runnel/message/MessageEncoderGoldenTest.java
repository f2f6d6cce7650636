package io.runnel.message;

import static io.runnel.message.Fixtures.col;
import static io.runnel.message.Fixtures.delete;
import static io.runnel.message.Fixtures.golden;
import static io.runnel.message.Fixtures.insert;
import static io.runnel.message.Fixtures.key;
import static io.runnel.message.Fixtures.parse;
import static io.runnel.message.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.decode.Change;
import io.runnel.decode.Relation;
import io.runnel.decode.Tuple;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encodes hand-built changes and compares them with src/test/resources/golden/. */
class MessageEncoderGoldenTest {
  private static final String CREATED_AT = "2024-10-28 23:37:01.12747+02";

  private final MessageEncoder encoder = new MessageEncoder(Fixtures.context());

  /** public.orders under REPLICA IDENTITY FULL: every column is in the old row. */
  static Relation ordersFull() {
    return Fixtures.relation(
        16500,
        "public.orders",
        'f',
        List.of(
            key("id", TypeOids.INT8),
            key("customer_id", TypeOids.INT4),
            key("price", TypeOids.NUMERIC),
            key("note", TypeOids.TEXT),
            key("created_at", TypeOids.TIMESTAMPTZ),
            key("tags", 1009)),
        0);
  }

  /** public.orders under the default identity: the old row has the key only. */
  static Relation ordersDefault() {
    return Fixtures.relation(
        16500,
        "public.orders",
        'd',
        List.of(
            key("id", TypeOids.INT8),
            col("customer_id", TypeOids.INT4),
            col("price", TypeOids.NUMERIC),
            col("note", TypeOids.TEXT),
            col("created_at", TypeOids.TIMESTAMPTZ),
            col("tags", 1009)),
        0);
  }

  static Tuple order(String id, String price, String note, String tags) {
    return new Tuple.Builder(6)
        .text(id)
        .text("789")
        .text(price)
        .text(note)
        .text(CREATED_AT)
        .text(tags)
        .build();
  }

  static Tuple orderWithToastedNote(String id) {
    return new Tuple.Builder(6)
        .text(id)
        .text("789")
        .text("149.99")
        .unchangedToast()
        .text(CREATED_AT)
        .text("{a}")
        .build();
  }

  @Test
  void insertOfEveryType() {
    EncodedMessage message = encoder.encode(insert(KitchenSink.relation(), KitchenSink.row()));

    assertGolden(message, "insert_all_types.json");
    assertThat(message.idempotencyKey()).isEqualTo("MTIzNDU2Nzg5OjA=");
    assertThat(message.recordPks()).containsExactly("1234");
    assertThat(message.groupKey()).isEqualTo("1234");
  }

  @Test
  void numbersAreCopiedDigitForDigit() {
    String body = encoder.encode(insert(KitchenSink.relation(), KitchenSink.row())).body();

    assertThat(body)
        .contains("\"i8_min\":-9223372036854775808")
        .contains("\"f4\":3.4028235e+38")
        .contains("\"f8_neg_zero\":-0,")
        .contains("\"a\":[1,2.50,null,true]")
        .contains("123456789012345678901234567890.000000000000000000001")
        .contains("\"f8_arr\":[1.5,\"NaN\",\"Infinity\",\"-Infinity\",-0,1e+30]")
        .contains("\"by\":\"\\\\x00ff10\"");
  }

  @Test
  void updateListsOldValuesOfChangedColumnsOnly() {
    Change change =
        update(
            ordersFull(),
            order("1234", "149.99", null, "{a,b,c}"),
            order("1234", "199.99", "gift", "{a,b}"));

    assertGolden(encoder.encode(change), "update_changed.json");
  }

  @Test
  void updateWithUnknownOldRowHasEmptyChanges() {
    Change change = update(ordersDefault(), order("1234", "149.99", "gift", "{a}"), null);

    assertGolden(encoder.encode(change), "update_old_unknown.json");
  }

  @Test
  void unchangedToastIsTakenFromKnownOldRowAndNotListedAsChanged() {
    Change change =
        update(
            ordersFull(),
            orderWithToastedNote("1234"),
            order("1234", "199.99", "a long note kept out of line", "{a}"));

    assertGolden(encoder.encode(change), "update_toast_old_known.json");
  }

  @Test
  void unchangedToastWithoutOldRowIsMarked() {
    Change change = update(ordersDefault(), orderWithToastedNote("1234"), null);

    assertGolden(encoder.encode(change), "update_toast_old_unknown.json");
  }

  @Test
  void keyChangeUnderDefaultIdentityListsOnlyColumnsTheOldRowCarries() {
    Tuple keyOnly =
        new Tuple.Builder(6).text("1234").sqlNull().sqlNull().sqlNull().sqlNull().sqlNull().build();
    Change change = update(ordersDefault(), orderWithToastedNote("1235"), keyOnly);

    EncodedMessage message = encoder.encode(change);

    assertGolden(message, "update_key_changed.json");
    assertThat(message.groupKey()).isEqualTo("1235");
  }

  @Test
  void deleteShowsKeyOnlyOldRow() {
    Tuple keyOnly =
        new Tuple.Builder(6).text("1234").sqlNull().sqlNull().sqlNull().sqlNull().sqlNull().build();

    EncodedMessage message = encoder.encode(delete(ordersDefault(), keyOnly));

    assertGolden(message, "delete_key_only.json");
    assertThat(message.recordPks()).containsExactly("1234");
    assertThat(message.groupKey()).isEqualTo("1234");
  }

  @Test
  void compositePrimaryKeyInKeyOrder() {
    Relation stock =
        Fixtures.relation(
            16600,
            "inventory.stock",
            'd',
            List.of(key("warehouse", TypeOids.TEXT), key("sku", TypeOids.INT4), col("qty", 23)),
            1,
            0);

    EncodedMessage message = encoder.encode(insert(stock, Tuple.ofText("north", "42", "7")));

    assertGolden(message, "composite_pk.json");
    assertThat(message.recordPks()).containsExactly("42", "north");
    assertThat(message.groupKey()).isEqualTo("42:north");
  }

  @Test
  void tableWithoutPrimaryKey() {
    EncodedMessage message = encoder.encode(insert(events(), eventRow()));

    assertGolden(message, "no_pk.json");
    assertThat(message.recordPks()).isEmpty();
    assertThat(message.groupKey()).isNull();
  }

  @Test
  void transactionAnnotationsAreEmbeddedAsJson() {
    Change change =
        Fixtures.withAnnotations(
            insert(ordersFull(), order("1234", "149.99", "gift", "{a}")),
            "{\"user\": \"alice\", \"reason\": \"refund\", \"amount\": 1.10, \"ids\": [1, 2]}");

    assertGolden(encoder.encode(change), "transaction_annotations.json");
  }

  @Test
  void unixMicrosecondTurnsTimestampsInRecordAndChangesIntoIntegers() {
    MessageEncoder unix =
        new MessageEncoder(Fixtures.context(TimestampFormat.UNIX_MICROSECOND, true, Map.of()));
    Relation times =
        Fixtures.relation(
            16700,
            "public.times",
            'f',
            List.of(
                key("id", TypeOids.INT4),
                key("tstz", TypeOids.TIMESTAMPTZ),
                key("ts", TypeOids.TIMESTAMP),
                key("tstz_inf", TypeOids.TIMESTAMPTZ),
                key("ts_ninf", TypeOids.TIMESTAMP),
                key("tstz_arr", 1185),
                key("ts_arr", 1115),
                key("d", TypeOids.DATE)),
            0);
    Tuple before =
        Tuple.ofText(
            "1",
            "2024-10-28 22:00:00+02",
            "1969-12-31 23:59:59.999999",
            "infinity",
            "-infinity",
            "{\"2000-01-01 00:00:00+00\"}",
            "{\"1970-01-01 00:00:00\"}",
            "2024-10-28");
    Tuple after =
        Tuple.ofText(
            "1",
            CREATED_AT,
            "1969-12-31 23:59:59.999999",
            "infinity",
            "-infinity",
            "{\"1970-01-01 00:00:00+00\",infinity,NULL}",
            "{\"1970-01-01 00:00:00\"}",
            "2024-10-29");

    assertGolden(unix.encode(update(times, after, before)), "update_unix_microsecond.json");
  }

  static Relation events() {
    return Fixtures.relation(
        16800,
        "public.events",
        'd',
        List.of(col("at", TypeOids.TIMESTAMPTZ), col("payload", TypeOids.JSONB)));
  }

  static Tuple eventRow() {
    return Tuple.ofText(CREATED_AT, "{\"kind\": \"click\"}");
  }

  private static void assertGolden(EncodedMessage message, String golden) {
    Fixtures.assertSameJson(parse(message.body()), golden(golden));
  }
}

package io.runnel.function;

import io.runnel.config.SinkConfig;
import io.runnel.config.SourceFilter;
import io.runnel.config.SqsDestination;
import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.Column;
import io.runnel.decode.Lsn;
import io.runnel.decode.Relation;
import io.runnel.decode.TableId;
import io.runnel.decode.Tuple;
import io.runnel.message.MessageContext;
import io.runnel.message.MessageEncoder;
import io.runnel.message.MessageVariables;
import io.runnel.message.TimestampFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table {@code public.orders(id int8 key, status text, total float8, paid bool, tags text[],
 * details jsonb, placed_at timestamptz)} and changes of it, with their function variables.
 */
final class Messages {
  static final Relation ORDERS = orders('d');

  /** The table with REPLICA IDENTITY FULL: updates carry the whole old row. */
  static final Relation ORDERS_FULL = orders('f');

  private static Relation orders(char identity) {
    return new Relation(
        16401,
        TableId.parse("public.orders"),
        identity,
        List.of(
            new Column("id", 20, -1, true),
            new Column("status", 25, -1, false),
            new Column("total", 701, -1, false),
            new Column("paid", 16, -1, false),
            new Column("tags", 1009, -1, false),
            new Column("details", 3802, -1, false),
            new Column("placed_at", 1184, -1, false)),
        List.of(0));
  }

  static final MessageEncoder ENCODER =
      new MessageEncoder(
          new MessageContext(
              "sink-id",
              "orders-sink",
              Map.of("team", "billing"),
              "db-id",
              "shop",
              "postgres",
              "localhost",
              TimestampFormat.ISO8601,
              true,
              Map.of()));

  private Messages() {}

  static Tuple row(String id, String status, String total, String paid) {
    return Tuple.ofText(
        id,
        status,
        total,
        paid,
        "{a,b}",
        "{\"customer\": {\"tier\": \"gold\"}, \"n\": 3}",
        "2024-10-28 21:37:01.12747+00");
  }

  static Change insert(Tuple row) {
    return change(Action.INSERT, row, null);
  }

  static Change change(Action action, Tuple newRow, Tuple oldRow) {
    return change(ORDERS, action, newRow, oldRow);
  }

  static Change change(Relation relation, Action action, Tuple newRow, Tuple oldRow) {
    return new Change(
        action,
        relation,
        newRow,
        oldRow,
        new Lsn(123456789L),
        2,
        Instant.parse("2024-10-28T21:37:01.127470Z"),
        1000L,
        null);
  }

  /** A sink "orders-sink" in us-east-1 applying the functions named f, t and r (null: none). */
  static SinkConfig sink(String filter, String transform, String routing) {
    return new SinkConfig(
        "orders-sink",
        "db",
        SinkConfig.SinkStatus.ACTIVE,
        List.of(),
        SourceFilter.ALL,
        Set.of(Action.values()),
        10,
        true,
        null,
        TimestampFormat.ISO8601,
        filter,
        transform,
        routing,
        Map.of(),
        new SqsDestination(null, "us-east-1", null, null, true, null, null, false, null, null));
  }

  static MessageVariables variables(Change change) {
    return ENCODER.variables(change, ENCODER.encode(change), Variables.NULL);
  }
}

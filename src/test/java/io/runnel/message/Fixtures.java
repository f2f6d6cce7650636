package io.runnel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.Column;
import io.runnel.decode.Lsn;
import io.runnel.decode.Relation;
import io.runnel.decode.TableId;
import io.runnel.decode.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Hand-built changes and contexts for the message tests. */
final class Fixtures {
  static final Lsn COMMIT_LSN = new Lsn(123456789L);
  static final Instant COMMIT_TIMESTAMP = Instant.parse("2024-10-28T21:37:01.127470Z");

  /** Parses floats as exact decimals, so {@code 2.50} and {@code 2.5} differ. */
  static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Fixtures() {}

  static MessageContext context() {
    return context(TimestampFormat.ISO8601, true, Map.of());
  }

  static MessageContext context(
      TimestampFormat format, boolean grouping, Map<TableId, List<String>> groupColumns) {
    return new MessageContext(
        "3f2a9c1e-sink",
        "sqs-sink",
        Map.of(),
        "8d1b44f0-db",
        "e2e-database",
        "postgres",
        "localhost",
        format,
        grouping,
        groupColumns);
  }

  /** A column in the replica identity (a key column under the default identity). */
  static Column key(String name, int typeOid) {
    return new Column(name, typeOid, -1, true);
  }

  static Column col(String name, int typeOid) {
    return new Column(name, typeOid, -1, false);
  }

  static Relation relation(
      int oid, String table, char identity, List<Column> columns, Integer... primaryKey) {
    return new Relation(oid, TableId.parse(table), identity, columns, List.of(primaryKey));
  }

  static Change insert(Relation relation, Tuple row) {
    return change(Action.INSERT, relation, row, null);
  }

  static Change update(Relation relation, Tuple newRow, Tuple oldRow) {
    return change(Action.UPDATE, relation, newRow, oldRow);
  }

  static Change delete(Relation relation, Tuple oldRow) {
    return change(Action.DELETE, relation, null, oldRow);
  }

  static Change change(Action action, Relation relation, Tuple newRow, Tuple oldRow) {
    return new Change(
        action, relation, newRow, oldRow, COMMIT_LSN, 0, COMMIT_TIMESTAMP, 1000L, null);
  }

  static Change withAnnotations(Change c, String annotations) {
    return new Change(
        c.action(),
        c.relation(),
        c.newRow(),
        c.oldRow(),
        c.commitLsn(),
        c.commitIdx(),
        c.commitTimestamp(),
        c.xid(),
        annotations);
  }

  static Change at(Change c, Lsn lsn, int idx, Instant timestamp) {
    return new Change(
        c.action(),
        c.relation(),
        c.newRow(),
        c.oldRow(),
        lsn,
        idx,
        timestamp,
        c.xid(),
        c.transactionAnnotations());
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compares JSON trees, objects regardless of key order, and numbers by their exact text ({@link
   * JsonNode#equals(Object)} calls {@code 2.50} and {@code 2.5} equal).
   */
  static void assertSameJson(JsonNode actual, JsonNode expected) {
    Comparator<JsonNode> exact =
        (a, b) -> {
          if (a.isNumber() && b.isNumber()) {
            return a.numberType() == b.numberType() && a.asText().equals(b.asText()) ? 0 : 1;
          }
          return a.equals(b) ? 0 : 1;
        };
    if (!actual.equals(exact, expected)) {
      assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
      fail("JSON differs only in number types: " + actual + " vs " + expected);
    }
  }

  static JsonNode golden(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no golden file " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

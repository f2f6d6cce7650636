package io.runnel.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decodes pgoutput bytes captured from PostgreSQL ({@link PgOutputFixtureCapture}). */
class PgOutputDecoderTest {
  private static final TableId ORDERS = new TableId("public", "orders");
  private static final TableId DOCS = new TableId("public", "docs");
  private static final TableId LINE_ITEMS = new TableId("public", "line_items");

  private final FakeCatalog catalog = FakeCatalog.fixtures();
  private final PgOutputDecoder decoder = new PgOutputDecoder(catalog);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "crud",
        "update_pk",
        "toast_full",
        "composite_pk",
        "no_pk",
        "multi_row",
        "annotations",
        "truncate",
        "schema_change",
        "runnel_schema"
      })
  void everyChangeCarriesItsTransaction(String name) {
    Fixture fixture = Fixture.load(name);
    List<WalEvent> events = fixture.decodeAll(decoder);
    WalEvent.Begin begin = null;
    int commits = 0;
    for (int i = 0; i < events.size(); i++) {
      switch (events.get(i)) {
        case WalEvent.Begin b -> {
          assertThat(begin).as("nested Begin").isNull();
          assertThat(b.xid()).isEqualTo(fixture.messages().get(i).xid());
          assertThat(b.commitTimestamp()).isEqualTo(fixture.commitTimestamps().get(b.xid()));
          begin = b;
        }
        case WalEvent.RowChange(Change c) -> {
          assertThat(begin).as("change outside a transaction").isNotNull();
          assertThat(c.commitLsn()).isEqualTo(begin.commitLsn());
          assertThat(c.commitTimestamp()).isEqualTo(begin.commitTimestamp());
          assertThat(c.xid()).isEqualTo(begin.xid());
        }
        case WalEvent.Commit c -> {
          assertThat(c.commitLsn()).isEqualTo(begin.commitLsn());
          assertThat(c.commitTimestamp()).isEqualTo(begin.commitTimestamp());
          assertThat(c.endLsn().isAfter(c.commitLsn())).isTrue();
          assertThat(c.endLsn()).isEqualTo(fixture.messages().get(i).lsn());
          begin = null;
          commits++;
        }
        case WalEvent.Watermark w -> assertThat(begin).as("watermark in a transaction").isNull();
        case WalEvent.Skipped s -> assertThat(s.what()).isNotBlank();
      }
    }
    assertThat(begin).as("unfinished transaction").isNull();
    assertThat(commits).isEqualTo(fixture.commitTimestamps().size());
  }

  @Test
  void insertUpdateDeleteWithDefaultReplicaIdentity() {
    List<WalEvent> events = Fixture.load("crud").decodeAll(decoder);
    assertThat(events.get(1)).isEqualTo(new WalEvent.Skipped("relation public.orders (oid 16384)"));
    List<Change> changes = changes(events);
    assertThat(changes)
        .extracting(Change::action)
        .containsExactly(Action.INSERT, Action.UPDATE, Action.DELETE);
    assertThat(changes).extracting(Change::commitIdx).containsExactly(0, 0, 0);
    assertThat(changes).extracting(Change::transactionAnnotations).containsOnlyNulls();

    Relation orders = changes.get(0).relation();
    assertThat(orders.oid()).isEqualTo(16384);
    assertThat(orders.table()).isEqualTo(ORDERS);
    assertThat(orders.replicaIdentity()).isEqualTo('d');
    assertThat(orders.columns())
        .containsExactly(
            new Column("id", 23, -1, true),
            new Column("customer", 25, -1, false),
            new Column("price", 1700, (10 << 16 | 2) + 4, false),
            new Column("note", 25, -1, false));
    assertThat(orders.primaryKey()).containsExactly(0);
    assertThat(catalog.lookups).containsExactly(ORDERS);

    assertThat(changes.get(0).newRow()).isEqualTo(Tuple.ofText("1", "alice", "19.99", null));
    assertThat(changes.get(0).newRow().isNull(3)).isTrue();
    assertThat(changes.get(0).oldRow()).isNull();
    assertThat(changes.get(1).newRow()).isEqualTo(Tuple.ofText("1", "alice", "24.50", "rush"));
    assertThat(changes.get(1).oldRow()).as("key unchanged: no old tuple").isNull();
    assertThat(changes.get(2).newRow()).isNull();
    assertThat(changes.get(2).oldRow()).isEqualTo(Tuple.ofText("1", null, null, null));
    assertThat(changes.get(2).record()).isSameAs(changes.get(2).oldRow());
  }

  @Test
  void updateOfThePrimaryKeySendsTheOldKey() {
    List<Change> changes = changes(Fixture.load("update_pk").decodeAll(decoder));
    Change update = changes.get(1);
    assertThat(update.action()).isEqualTo(Action.UPDATE);
    assertThat(update.oldRow()).isEqualTo(Tuple.ofText("2", null, null, null));
    assertThat(update.newRow()).isEqualTo(Tuple.ofText("3", "bob", "5.00", "x"));
  }

  @Test
  void replicaIdentityFullSendsWholeOldRowsAndMarksUnchangedToast() {
    List<Change> changes = changes(Fixture.load("toast_full").decodeAll(decoder));
    String body = bigBody();
    assertThat(changes)
        .extracting(Change::action)
        .containsExactly(Action.INSERT, Action.INSERT, Action.UPDATE, Action.DELETE);

    Relation docs = changes.get(0).relation();
    assertThat(docs.table()).isEqualTo(DOCS);
    assertThat(docs.replicaIdentity()).isEqualTo('f');
    assertThat(docs.columns())
        .extracting(Column::replicaIdentity)
        .containsExactly(true, true, true);
    assertThat(docs.primaryKey()).as("from the catalog, not the flags").containsExactly(0);
    assertThat(changes.get(0).newRow()).isEqualTo(Tuple.ofText("1", "draft", body));

    Change update = changes.get(2);
    assertThat(update.oldRow()).isEqualTo(Tuple.ofText("1", "draft", body));
    Tuple newRow = update.newRow();
    assertThat(newRow.text(0)).isEqualTo("1");
    assertThat(newRow.text(1)).isEqualTo("final");
    assertThat(newRow.isUnchangedToast(2)).isTrue();
    assertThat(newRow.isNull(2)).isFalse();
    assertThat(newRow.text(2)).isNull();

    assertThat(changes.get(3).oldRow()).isEqualTo(Tuple.ofText("2", "short", "tiny"));
  }

  @Test
  void compositePrimaryKeyIsInKeyOrder() {
    List<Change> changes = changes(Fixture.load("composite_pk").decodeAll(decoder));
    Relation items = changes.get(0).relation();
    assertThat(items.table()).isEqualTo(LINE_ITEMS);
    assertThat(items.columns())
        .extracting(Column::name)
        .containsExactly("sku", "line_no", "order_id", "qty");
    assertThat(items.columns())
        .extracting(Column::replicaIdentity)
        .containsExactly(false, true, true, false);
    assertThat(items.primaryKey()).containsExactly(2, 1);
    assertThat(changes.get(0).newRow()).isEqualTo(Tuple.ofText("sku-9", "2", "7", "4"));
    assertThat(changes.get(1).oldRow()).isEqualTo(Tuple.ofText(null, "2", "7", null));
  }

  @Test
  void tableWithoutPrimaryKey() {
    List<Change> changes = changes(Fixture.load("no_pk").decodeAll(decoder));
    Relation events = changes.get(0).relation();
    assertThat(events.hasPrimaryKey()).isFalse();
    assertThat(events.columns())
        .containsExactly(new Column("ts", 1184, -1, false), new Column("payload", 25, -1, false));
    assertThat(changes).extracting(Change::commitIdx).containsExactly(0, 1);
    assertThat(changes.get(0).newRow())
        .isEqualTo(Tuple.ofText("2024-10-28 21:37:01.12747+00", "hello"));
    assertThat(changes.get(1).newRow()).isEqualTo(Tuple.ofText(null, null));
  }

  @Test
  void changesOfOneTransactionAreNumbered() {
    List<Change> changes = changes(Fixture.load("multi_row").decodeAll(decoder));
    assertThat(changes).extracting(Change::commitIdx).containsExactly(0, 1, 2);
    assertThat(changes)
        .extracting(Change::action)
        .containsExactly(Action.INSERT, Action.INSERT, Action.UPDATE);
    assertThat(changes).extracting(Change::commitLsn).containsOnly(changes.get(0).commitLsn());
    assertThat(changes.get(2).newRow()).isEqualTo(Tuple.ofText("10", "carol", "1.00", "both"));
  }

  @Test
  void transactionAnnotationsApplyUntilTheNextBegin() {
    List<WalEvent> events = Fixture.load("annotations").decodeAll(decoder);
    assertThat(events.get(0))
        .as("a non-transactional message is sent at once, before the Begin")
        .isEqualTo(new WalEvent.Skipped("logical message other:prefix"));
    assertThat(events).contains(new WalEvent.Skipped("logical message app:unrelated"));
    List<Change> changes = changes(events);
    assertThat(changes)
        .extracting(Change::transactionAnnotations)
        .containsExactly(
            "{\"user\":\"alice\"}", "{\"user\":\"alice\"}", "{\"via\":\"sequin\"}", null);
    assertThat(changes).extracting(Change::commitIdx).containsExactly(0, 1, 0, 0);
  }

  @Test
  void truncateIsSkippedWithItsTables() {
    List<WalEvent> events = Fixture.load("truncate").decodeAll(decoder);
    assertThat(changes(events)).isEmpty();
    assertThat(events).contains(new WalEvent.Skipped("truncate public.orders, public.line_items"));
  }

  @Test
  void addedColumnArrivesAsANewRelation() {
    List<WalEvent> events = Fixture.load("schema_change").decodeAll(decoder);
    List<Change> changes = changes(events);
    assertThat(changes.get(0).relation().columns()).hasSize(4);
    assertThat(changes.get(0).newRow()).isEqualTo(Tuple.ofText("30", "hank", "6.00", null));
    Relation altered = changes.get(1).relation();
    assertThat(altered.columns())
        .extracting(Column::name)
        .containsExactly("id", "customer", "price", "note", "status");
    assertThat(altered.primaryKey()).containsExactly(0);
    assertThat(changes.get(1).newRow()).isEqualTo(Tuple.ofText("31", "ivy", "7.00", null, "paid"));
    assertThat(catalog.lookups).containsExactly(ORDERS, ORDERS);
    assertThat(events).as("the ALTER's own transaction is empty").hasSize(10);
  }

  @Test
  void runnelsOwnTablesAreIgnored() {
    List<WalEvent> events = Fixture.load("runnel_schema").decodeAll(decoder);
    assertThat(events.get(2)).isEqualTo(new WalEvent.Skipped("insert on runnel.cursors (ignored)"));
    List<Change> changes = changes(events);
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).table()).isEqualTo(ORDERS);
    assertThat(changes.get(0).commitIdx()).isZero();
    assertThat(catalog.lookups).containsExactly(ORDERS);
  }

  private static List<Change> changes(List<WalEvent> events) {
    return events.stream()
        .filter(WalEvent.RowChange.class::isInstance)
        .map(e -> ((WalEvent.RowChange) e).change())
        .toList();
  }

  /** {@code SELECT string_agg(md5(i::text), '' ORDER BY i) FROM generate_series(1, 400) i}. */
  private static String bigBody() {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      StringBuilder body = new StringBuilder();
      for (int i = 1; i <= 400; i++) {
        body.append(
            HexFormat.of()
                .formatHex(md5.digest(Integer.toString(i).getBytes(StandardCharsets.UTF_8))));
      }
      return body.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

package io.runnel.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built messages for what the captured fixtures cannot show. */
class PgOutputDecoderEdgeTest {
  private static final Lsn AT = Lsn.parse("1/0");

  private final FakeCatalog catalog = new FakeCatalog();
  private final PgOutputDecoder decoder = new PgOutputDecoder(catalog);

  @Test
  void beginConvertsThePostgresEpochAndUnsignedFields() {
    assertThat(decode(MessageBytes.begin(-1L, 0, -1)))
        .isEqualTo(
            new WalEvent.Begin(
                Lsn.parse("FFFFFFFF/FFFFFFFF"),
                Instant.parse("2000-01-01T00:00:00Z"),
                4294967295L));
    WalEvent.Begin before = (WalEvent.Begin) decode(MessageBytes.begin(1, -1, 1));
    assertThat(before.commitTimestamp()).isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
    WalEvent.Begin later = (WalEvent.Begin) decode(MessageBytes.begin(1, 86_400_000_001L, 1));
    assertThat(later.commitTimestamp()).isEqualTo(Instant.parse("2000-01-02T00:00:00.000001Z"));
  }

  @Test
  void emptyNamespaceIsPgCatalog() {
    decode(MessageBytes.relation(1259, "", "pg_class", "relname"));
    assertThat(catalog.lookups).containsExactly(new TableId("pg_catalog", "pg_class"));
  }

  @Test
  void textIsUtf8() {
    decode(MessageBytes.begin(0x100, 0, 7));
    decode(MessageBytes.relation(42, "public", "t", "a"));
    Change change = change(decode(MessageBytes.insert(42, 1).int8('t').text("héllo ✓ 😀")));
    assertThat(change.newRow().text(0)).isEqualTo("héllo ✓ 😀");
  }

  @Test
  void readsFromAnOffsetDirectBufferWithoutMovingIt() {
    Fixture crud = Fixture.load("crud");
    List<WalEvent> expected = crud.decodeAll(new PgOutputDecoder(FakeCatalog.fixtures()));
    PgOutputDecoder direct = new PgOutputDecoder(FakeCatalog.fixtures());
    for (int i = 0; i < crud.messages().size(); i++) {
      byte[] data = crud.messages().get(i).data();
      ByteBuffer buffer = ByteBuffer.allocateDirect(data.length + 10);
      buffer.position(7).put(data).flip().position(7);
      assertThat(direct.decode(buffer, AT)).isEqualTo(expected.get(i));
      assertThat(buffer.position()).isEqualTo(7);
    }
  }

  @Test
  void readsASliceOfALargerArray() {
    byte[] begin = MessageBytes.begin(0x100, 0, 7).bytes();
    byte[] framed = new byte[begin.length + 4];
    System.arraycopy(begin, 0, framed, 3, begin.length);
    WalEvent event = decoder.decode(ByteBuffer.wrap(framed, 3, begin.length), AT);
    assertThat(event)
        .isEqualTo(new WalEvent.Begin(new Lsn(0x100), Instant.parse("2000-01-01T00:00:00Z"), 7));
  }

  @Test
  void beginStartsOverAnUnfinishedTransaction() {
    decode(MessageBytes.begin(0x100, 0, 7));
    decode(MessageBytes.relation(42, "public", "t", "a"));
    decode(annotation("runnel:transaction_annotations", "{\"a\":1}"));
    decode(MessageBytes.insert(42, 1).int8('n'));
    decode(MessageBytes.begin(0x200, 0, 8));
    Change change = change(decode(MessageBytes.insert(42, 1).int8('n')));
    assertThat(change.commitLsn()).isEqualTo(new Lsn(0x200));
    assertThat(change.commitIdx()).isZero();
    assertThat(change.transactionAnnotations()).isNull();
  }

  @Test
  void nonTransactionalAnnotationIsIgnored() {
    decode(MessageBytes.begin(0x100, 0, 7));
    decode(MessageBytes.relation(42, "public", "t", "a"));
    WalEvent skipped =
        decode(
            MessageBytes.type('M')
                .int8(0)
                .int64(0x100)
                .string("runnel:transaction_annotations")
                .text("{}"));
    assertThat(skipped)
        .isEqualTo(
            new WalEvent.Skipped(
                "non-transactional logical message runnel:transaction_annotations (ignored)"));
    assertThat(change(decode(MessageBytes.insert(42, 1).int8('n'))).transactionAnnotations())
        .isNull();
  }

  @Test
  void originTypeAndTruncateOptionsAreSkipped() {
    assertThat(decode(MessageBytes.type('O').int64(0x10).string("node_a")))
        .isEqualTo(new WalEvent.Skipped("origin node_a at 0/10"));
    assertThat(decode(MessageBytes.type('Y').int32(16500).string("public").string("mood")))
        .isEqualTo(new WalEvent.Skipped("type public.mood (oid 16500)"));
    decode(MessageBytes.relation(42, "public", "t", "a"));
    assertThat(decode(MessageBytes.type('T').int32(1).int8(3).int32(42)))
        .isEqualTo(new WalEvent.Skipped("truncate public.t cascade restart identity"));
  }

  private WalEvent decode(MessageBytes message) {
    return decoder.decode(ByteBuffer.wrap(message.bytes()), AT);
  }

  private static MessageBytes annotation(String prefix, String json) {
    return MessageBytes.type('M').int8(1).int64(0x100).string(prefix).text(json);
  }

  private static Change change(WalEvent event) {
    assertThat(event).isInstanceOf(WalEvent.RowChange.class);
    return ((WalEvent.RowChange) event).change();
  }
}

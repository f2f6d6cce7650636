package io.runnel.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 in the decoder: columns of domain types are typed as their base type (asking the catalog
 * only about non-built-in types), and TRUNCATEs are counted.
 */
class DomainTypesTest {
  private static final Lsn AT = new Lsn(0x10);
  private static final int INT4 = 23;
  private static final int TEXT = 25;
  private static final int POSINT = 16_500;
  private static final int INFORMATION_SCHEMA_DOMAIN = 13_343;

  private final List<Integer> asked = new ArrayList<>();
  private final Map<Integer, Integer> bases = Map.of(POSINT, INT4, INFORMATION_SCHEMA_DOMAIN, TEXT);
  private final RelationCatalog catalog =
      new RelationCatalog() {
        @Override
        public List<String> primaryKey(int relationOid, TableId table) {
          return List.of("id");
        }

        @Override
        public int baseType(int typeOid) {
          asked.add(typeOid);
          return bases.getOrDefault(typeOid, typeOid);
        }
      };

  @Test
  void domainColumnsTakeTheirBaseTypeAndBuiltInsAreNotLookedUp() {
    Relation relation =
        relation(
            column("id", INT4),
            column("amount", POSINT),
            column("label", INFORMATION_SCHEMA_DOMAIN),
            column("other", 70_000));
    assertThat(relation.columns())
        .extracting(Column::typeOid)
        .containsExactly(INT4, INT4, TEXT, 70_000);
    assertThat(asked).containsExactly(POSINT, INFORMATION_SCHEMA_DOMAIN, 70_000);
    assertThat(relation.primaryKey()).containsExactly(0);
  }

  @Test
  void defaultCatalogKeepsTheWireType() {
    RelationCatalog keysOnly = (oid, table) -> List.of();
    assertThat(keysOnly.baseType(POSINT)).isEqualTo(POSINT);
  }

  @Test
  void truncatesAreCountedAndProduceNoChange() {
    PgOutputDecoder decoder = new PgOutputDecoder(catalog);
    decoder.decode(ByteBuffer.wrap(MessageBytes.relation(42, "public", "t", "id").bytes()), AT);
    byte[] truncate = MessageBytes.type('T').int32(1).int8(0).int32(42).bytes();
    assertThat(decoder.decode(ByteBuffer.wrap(truncate), AT))
        .isEqualTo(new WalEvent.Skipped("truncate public.t"));
    decoder.decode(ByteBuffer.wrap(truncate), AT);
    assertThat(decoder.truncates()).isEqualTo(2);
  }

  private Relation relation(int[]... columns) {
    MessageBytes message = MessageBytes.type('R').int32(42).string("public").string("t").int8('d');
    message.int16(columns.length);
    for (int i = 0; i < columns.length; i++) {
      message.int8(i == 0 ? 1 : 0).string(NAMES.get(columns[i][0])).int32(columns[i][1]).int32(-1);
    }
    PgOutputDecoder decoder = new PgOutputDecoder(catalog);
    decoder.decode(ByteBuffer.wrap(message.bytes()), AT);
    decoder.decode(ByteBuffer.wrap(MessageBytes.begin(0x100, 0, 7).bytes()), AT);
    MessageBytes insert = MessageBytes.insert(42, columns.length);
    for (int i = 0; i < columns.length; i++) {
      insert.int8('n');
    }
    WalEvent event = decoder.decode(ByteBuffer.wrap(insert.bytes()), AT);
    return ((WalEvent.RowChange) event).change().relation();
  }

  private static final List<String> NAMES = List.of("id", "amount", "label", "other");

  private static int[] column(String name, int type) {
    return new int[] {NAMES.indexOf(name), type};
  }
}

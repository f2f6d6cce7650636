package io.runnel.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Bytes the decoder must refuse, each with the WAL position and offset in the error. */
class PgOutputDecoderErrorTest {
  private static final Lsn AT = Lsn.parse("0/16B3748");

  private final FakeCatalog catalog = FakeCatalog.fixtures();
  private final PgOutputDecoder decoder = new PgOutputDecoder(catalog);
  private final Fixture crud = Fixture.load("crud");

  @Test
  void unknownMessageType() {
    assertFails(new byte[] {'Z', 1, 2}, "unknown pgoutput message type 'Z'", 0);
    assertFails(new byte[] {(byte) 0x90}, "unknown pgoutput message type 0x90", 0);
  }

  @Test
  void emptyMessage() {
    assertFails(new byte[0], "message truncated: the message type needs 1 bytes, 0 left of 0", 0);
  }

  @Test
  void truncatedBegin() {
    byte[] begin = Arrays.copyOf(crud.messages().get(0).data(), 5);
    assertFails(begin, "final LSN needs 8 bytes, 4 left of 5 in pgoutput 'B' message", 1);
  }

  @Test
  void truncatedInsertNamesTheTable() {
    decode(crud.messages().get(0).data()); // Begin
    decode(crud.messages().get(1).data()); // Relation
    byte[] insert = crud.messages().get(2).data();
    byte[] cut = Arrays.copyOf(insert, insert.length - 3);
    // The last column is 'n'; the one before is "19.99", of which only 3 bytes are left.
    assertFails(
        cut,
        "text value needs 5 bytes, 3 left of "
            + cut.length
            + " in pgoutput 'I' message for public.orders (oid 16384)",
        cut.length - 3);
  }

  @Test
  void truncatedRelationName() {
    byte[] relation = crud.messages().get(1).data();
    assertFails(
        Arrays.copyOf(relation, 9), "namespace has no terminating NUL byte in pgoutput 'R'", 5);
  }

  @Test
  void changeForUnknownRelation() {
    decode(crud.messages().get(0).data()); // Begin, but no Relation
    assertFails(
        crud.messages().get(2).data(),
        "change for relation OID 16384 that no Relation message announced (0 known)"
            + " in pgoutput 'I' message",
        5);
  }

  @Test
  void rowChangeOutsideTransaction() {
    decode(crud.messages().get(1).data()); // Relation, but no Begin
    assertFails(
        crud.messages().get(2).data(),
        "row change for relation OID 16384 outside a transaction in pgoutput 'I' message",
        5);
  }

  @Test
  void commitWithoutBegin() {
    assertFails(crud.messages().get(3).data(), "Commit 0/172E020 without a Begin", 26);
  }

  @Test
  void binaryValue() {
    decode(MessageBytes.begin(0x100, 0, 7).bytes());
    decode(MessageBytes.relation(42, "public", "t", "a").bytes());
    byte[] insert = MessageBytes.insert(42, 1).int8('b').int32(1).int8(0).bytes();
    assertFails(insert, "binary value for column \"a\" (binary was not requested)", 9);
  }

  @Test
  void unknownColumnKind() {
    decode(MessageBytes.begin(0x100, 0, 7).bytes());
    decode(MessageBytes.relation(42, "public", "t", "a").bytes());
    assertFails(
        MessageBytes.insert(42, 1).int8('x').bytes(),
        "unknown tuple column kind 'x' for column \"a\" in pgoutput 'I' message for public.t",
        9);
  }

  @Test
  void tupleWithOtherColumnCountThanRelation() {
    decode(MessageBytes.begin(0x100, 0, 7).bytes());
    decode(MessageBytes.relation(42, "public", "t", "a", "b").bytes());
    assertFails(
        MessageBytes.insert(42, 1).int8('n').bytes(),
        "tuple has 1 columns, the Relation message announced 2",
        8);
  }

  @Test
  void insertWithoutNewTuple() {
    decode(MessageBytes.begin(0x100, 0, 7).bytes());
    decode(MessageBytes.relation(42, "public", "t", "a").bytes());
    assertFails(
        MessageBytes.type('I').int32(42).int8('K').int16(1).int8('n').bytes(),
        "expected tuple 'N', found 'K'",
        6);
  }

  @Test
  void trailingBytes() {
    byte[] begin = Arrays.copyOf(crud.messages().get(0).data(), 22);
    assertFails(begin, "1 unexpected bytes after the message in pgoutput 'B' message", 21);
  }

  private WalEvent decode(byte[] message) {
    return decoder.decode(ByteBuffer.wrap(message), AT);
  }

  private AbstractThrowableAssert<?, ?> assertFails(byte[] message, String problem, int offset) {
    return assertThatThrownBy(() -> decode(message))
        .isInstanceOfSatisfying(
            DecodeException.class,
            e -> {
              assertThat(e.lsn()).isEqualTo(AT);
              assertThat(e.offset()).isEqualTo(offset);
            })
        .hasMessageContaining(problem)
        .hasMessageEndingWith("(at WAL 0/16B3748, byte " + offset + ")");
  }
}

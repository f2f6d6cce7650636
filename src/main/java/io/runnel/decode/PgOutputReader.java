package io.runnel.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one pgoutput message: big-endian fixed-width integers, NUL-terminated strings and
 * counted UTF-8 text, each bounds-checked so a short message fails as a {@link DecodeException}
 * with the message-relative offset rather than a {@code BufferUnderflowException}.
 *
 * <p>Reads with absolute indexes, so the caller's buffer position is never moved. Reused for every
 * message; not thread-safe.
 */
final class PgOutputReader {
  private ByteBuffer buffer;
  private Lsn lsn;
  private int start;
  private int pos;
  private int limit;
  private byte[] scratch = new byte[256];
  private byte type;
  private Relation relation;

  /** Points the cursor at {@code message}'s remaining bytes. */
  void reset(ByteBuffer message, Lsn walStart) {
    // A duplicate is always big-endian, as pgoutput is; the original's position stays put.
    this.buffer = message.order() == ByteOrder.BIG_ENDIAN ? message : message.duplicate();
    this.lsn = walStart;
    this.start = message.position();
    this.pos = start;
    this.limit = message.limit();
    this.type = 0;
    this.relation = null;
  }

  /** Reads the message type byte; later errors name it. */
  byte type() {
    type = byte1("the message type");
    return type;
  }

  /** Names {@code table} in later errors about this message. */
  void about(Relation table) {
    this.relation = table;
  }

  Lsn lsn() {
    return lsn;
  }

  /** Offset of the next byte, from the start of the message. */
  int offset() {
    return pos - start;
  }

  int remaining() {
    return limit - pos;
  }

  byte byte1(String what) {
    need(1, what);
    return buffer.get(pos++);
  }

  short int16(String what) {
    need(2, what);
    short value = buffer.getShort(pos);
    pos += 2;
    return value;
  }

  int int32(String what) {
    need(4, what);
    int value = buffer.getInt(pos);
    pos += 4;
    return value;
  }

  long int64(String what) {
    need(8, what);
    long value = buffer.getLong(pos);
    pos += 8;
    return value;
  }

  Lsn lsn64(String what) {
    return new Lsn(int64(what));
  }

  /** A NUL-terminated string (pgoutput's {@code String}), decoded as UTF-8. */
  String cString(String what) {
    int end = pos;
    while (end < limit && buffer.get(end) != 0) {
      end++;
    }
    if (end == limit) {
      throw fail("message truncated: " + what + " has no terminating NUL byte");
    }
    String value = utf8(end - pos);
    pos = end + 1;
    return value;
  }

  /** {@code length} bytes of UTF-8 text. */
  String text(int length, String what) {
    if (length < 0) {
      throw fail("negative length " + length + " for " + what);
    }
    need(length, what);
    String value = utf8(length);
    pos += length;
    return value;
  }

  /** A DecodeException at the current offset, naming the message type and relation if known. */
  DecodeException fail(String problem) {
    StringBuilder text = new StringBuilder(problem);
    if (type != 0) {
      text.append(" in pgoutput ").append(describe(type)).append(" message");
    }
    if (relation != null) {
      text.append(" for ").append(relation.table());
      text.append(" (oid ").append(Integer.toUnsignedString(relation.oid())).append(')');
    }
    return new DecodeException(text.toString(), lsn, offset());
  }

  /** {@code 'I'} for printable bytes, else {@code 0x1f}. */
  static String describe(byte b) {
    return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xff);
  }

  private void need(int bytes, String what) {
    if (limit - pos < bytes) {
      throw fail(
          "message truncated: "
              + what
              + " needs "
              + bytes
              + " bytes, "
              + (limit - pos)
              + " left of "
              + (limit - start));
    }
  }

  private String utf8(int length) {
    if (buffer.hasArray()) {
      return new String(buffer.array(), buffer.arrayOffset() + pos, length, StandardCharsets.UTF_8);
    }
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    buffer.get(pos, scratch, 0, length);
    return new String(scratch, 0, length, StandardCharsets.UTF_8);
  }
}

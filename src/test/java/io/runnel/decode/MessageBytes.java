package io.runnel.decode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a pgoutput message by hand, for cases the fixtures cannot produce. */
final class MessageBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static MessageBytes type(char type) {
    return new MessageBytes().int8(type);
  }

  static MessageBytes begin(long finalLsn, long pgMicros, int xid) {
    return type('B').int64(finalLsn).int64(pgMicros).int32(xid);
  }

  /** A Relation message whose columns are all text, none in the replica identity. */
  static MessageBytes relation(int oid, String namespace, String name, String... columns) {
    MessageBytes message = type('R').int32(oid).string(namespace).string(name).int8('d');
    message.int16(columns.length);
    for (String column : columns) {
      message.int8(0).string(column).int32(25).int32(-1);
    }
    return message;
  }

  /** An Insert message with the new tuple's column count; append the columns. */
  static MessageBytes insert(int oid, int columns) {
    return type('I').int32(oid).int8('N').int16(columns);
  }

  MessageBytes int8(int value) {
    out.write(value);
    return this;
  }

  MessageBytes int16(int value) {
    return int8(value >>> 8).int8(value);
  }

  MessageBytes int32(int value) {
    return int16(value >>> 16).int16(value);
  }

  MessageBytes int64(long value) {
    return int32((int) (value >>> 32)).int32((int) value);
  }

  MessageBytes string(String value) {
    out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    return int8(0);
  }

  MessageBytes text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int32(bytes.length);
    out.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}

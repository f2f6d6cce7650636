package io.runnel.sink.sqs;

import io.runnel.pipeline.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** SQS FIFO ids of a message (DESIGN.md §4): lowercase hex MD5s. Thread-safe. */
final class MessageIds {
  private static final HexFormat HEX = HexFormat.of();

  private MessageIds() {}

  static String deduplicationId(OutboundMessage message) {
    return md5Hex(message.idempotencyKey());
  }

  /** The group's MD5, or for a message without a group its dedup id (no ordering). */
  static String groupId(OutboundMessage message) {
    return message.groupKey() == null ? deduplicationId(message) : md5Hex(message.groupKey());
  }

  static String md5Hex(String text) {
    return HEX.formatHex(Digests.md5().digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}

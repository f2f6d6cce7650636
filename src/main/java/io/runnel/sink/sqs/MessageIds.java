package io.runnel.sink.sqs;

import io.runnel.pipeline.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SQS FIFO ids of a message (DESIGN.md §4): lowercase hex MD5s. Thread-safe. */
final class MessageIds {
  private MessageIds() {}

  static String deduplicationId(OutboundMessage message) {
    return md5Hex(message.idempotencyKey());
  }

  /** The group's MD5, or for a message without a group its dedup id (no ordering). */
  static String groupId(OutboundMessage message) {
    return message.groupKey() == null ? deduplicationId(message) : md5Hex(message.groupKey());
  }

  static String md5Hex(String text) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}

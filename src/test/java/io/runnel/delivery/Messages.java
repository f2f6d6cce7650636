package io.runnel.delivery;

import io.runnel.decode.Action;
import io.runnel.decode.Lsn;
import io.runnel.decode.TableId;
import io.runnel.message.EncodedMessage;
import io.runnel.pipeline.AckWatermark;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Transaction;
import java.time.Instant;
import java.util.List;

/** Builds outbound messages for pipeline tests. */
final class Messages {
  private static final AckWatermark WATERMARK = new AckWatermark(Lsn.ZERO);

  private Messages() {}

  static OutboundMessage message(String key, String group, String body) {
    return message(key, group, body, WATERMARK.begin(new Lsn(1)));
  }

  static OutboundMessage message(String key, String group, String body, Transaction tx) {
    return OutboundMessage.of(
        new EncodedMessage(body, key, group, List.of()),
        new TableId("public", "t"),
        Action.INSERT,
        Instant.EPOCH,
        tx);
  }
}

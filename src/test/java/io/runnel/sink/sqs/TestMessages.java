package io.runnel.sink.sqs;

import io.runnel.decode.Action;
import io.runnel.decode.Lsn;
import io.runnel.decode.TableId;
import io.runnel.message.EncodedMessage;
import io.runnel.pipeline.AckWatermark;
import io.runnel.pipeline.OutboundMessage;
import java.time.Instant;
import java.util.List;

/** Outbound messages for sink tests: an insert into public.t in a transaction of its own. */
final class TestMessages {
  private TestMessages() {}

  static OutboundMessage message(String key, String group, String body) {
    return OutboundMessage.of(
        new EncodedMessage(body, key, group, List.of()),
        new TableId("public", "t"),
        Action.INSERT,
        Instant.EPOCH,
        new AckWatermark(Lsn.ZERO).begin(new Lsn(1)));
  }
}

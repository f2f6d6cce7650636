package io.runnel.pipeline;

import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.TableId;
import io.runnel.function.SinkFunctions;
import io.runnel.function.Verdict;
import io.runnel.message.EncodedMessage;
import io.runnel.message.MessageEncoder;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which changes one sink takes and how they become its messages.
 *
 * @param streams whether the sink streams a table
 * @param functions the sink's filter, transform and routing functions; null for none
 * @param inbox where the sink's messages go
 */
public record SinkRoute(
    Predicate<TableId> streams,
    Set<Action> actions,
    MessageEncoder encoder,
    SinkFunctions functions,
    SinkInbox inbox) {
  public SinkRoute {
    actions = Set.copyOf(actions);
    if (functions != null && !functions.any()) {
      functions = null;
    }
  }

  boolean accepts(Change change) {
    return actions.contains(change.action()) && streams.test(change.table());
  }

  /**
   * The sink's message for an accepted change, or null when its filter drops it. A function's
   * failure gives a message marked {@link OutboundMessage#failed}, discarded by the sink.
   *
   * @param backfillId for a backfill's {@code read}, its id (the idempotency key is made from it);
   *     else null
   */
  OutboundMessage message(Change change, String backfillId, Transaction tx) {
    EncodedMessage encoded =
        backfillId == null ? encoder.encode(change) : encoder.encodeRead(change, backfillId);
    OutboundMessage message = OutboundMessage.of(encoded, change, tx);
    if (functions == null) {
      return message;
    }
    Verdict verdict = functions.apply(encoder.variables(change, encoded, functions.jsonNull()));
    return switch (verdict) {
      case Verdict.Drop drop -> null;
      case Verdict.Fail fail -> message.failed(fail.reason());
      case Verdict.Send send when send.body() == null -> message.routedTo(send.queueUrl());
      case Verdict.Send send ->
          OutboundMessage.of(
                  new EncodedMessage(
                      send.body(),
                      encoded.idempotencyKey(),
                      encoded.groupKey(),
                      encoded.recordPks()),
                  change,
                  tx)
              .routedTo(send.queueUrl());
    };
  }
}

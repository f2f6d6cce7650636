package io.runnel.pipeline;

import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.TableId;
import io.runnel.message.EncodedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A message on its way to one sink. Immutable; its delivery state lives in the delivery engine (see
 * {@link SinkInbox}).
 *
 * @param transaction released once the message is delivered or discarded
 * @param sizeBytes the body's UTF-8 size, what SQS counts against its limits
 * @param queueUrl the queue a routing function chose, or null for the sink's configured queue
 * @param failure why a function failed for this message, which the sink then discards without
 *     sending; null normally
 */
public record OutboundMessage(
    EncodedMessage encoded,
    TableId table,
    Action action,
    Instant commitTimestamp,
    Transaction transaction,
    int sizeBytes,
    String queueUrl,
    String failure) {

  public static OutboundMessage of(
      EncodedMessage encoded,
      TableId table,
      Action action,
      Instant commitTimestamp,
      Transaction transaction) {
    int size = encoded.body().getBytes(StandardCharsets.UTF_8).length;
    return new OutboundMessage(
        encoded, table, action, commitTimestamp, transaction, size, null, null);
  }

  /** This message sent to {@code url} (null: the sink's configured queue). */
  public OutboundMessage routedTo(String url) {
    return new OutboundMessage(
        encoded, table, action, commitTimestamp, transaction, sizeBytes, url, failure);
  }

  /** This message marked to be discarded for {@code reason} instead of sent. */
  public OutboundMessage failed(String reason) {
    return new OutboundMessage(
        encoded, table, action, commitTimestamp, transaction, sizeBytes, queueUrl, reason);
  }

  /** The message of {@code change}, encoded as {@code encoded}. */
  public static OutboundMessage of(EncodedMessage encoded, Change change, Transaction transaction) {
    return of(encoded, change.table(), change.action(), change.commitTimestamp(), transaction);
  }

  public String idempotencyKey() {
    return encoded.idempotencyKey();
  }

  public String body() {
    return encoded.body();
  }

  /** The ordering group; null for a message that may go in any order. */
  public String groupKey() {
    return encoded.groupKey();
  }
}

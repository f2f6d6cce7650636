package io.runnel.state;

import java.time.Instant;

/**
 * A message as the state store and the API show it. Immutable.
 *
 * @param groupKey null for a message without ordering group
 * @param lastError the sink's last error, or null
 * @param nextAttemptAt when a backing-off message is tried again, else null
 * @param body the message JSON; null unless asked for
 * @param sqsMessageId the id SQS gave a delivered message, else null
 * @param s3Key where the body of a delivered message offloaded to S3 lies ({@code large_payloads}),
 *     else null
 */
public record StoredMessage(
    String sink,
    String idempotencyKey,
    MessageState state,
    String table,
    String action,
    String groupKey,
    int deliverCount,
    String lastError,
    Instant nextAttemptAt,
    String queueUrl,
    Instant committedAt,
    Instant updatedAt,
    String body,
    String sqsMessageId,
    String s3Key) {

  /** The same message without its body. */
  public StoredMessage withoutBody() {
    return new StoredMessage(
        sink,
        idempotencyKey,
        state,
        table,
        action,
        groupKey,
        deliverCount,
        lastError,
        nextAttemptAt,
        queueUrl,
        committedAt,
        updatedAt,
        null,
        sqsMessageId,
        s3Key);
  }
}

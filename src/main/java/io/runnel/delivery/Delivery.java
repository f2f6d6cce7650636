package io.runnel.delivery;

import io.runnel.pipeline.OutboundMessage;

/**
 * A message's delivery state inside a {@link Dispatcher}: attempts so far and the last error.
 * Mutable; confined to the dispatcher's thread.
 */
final class Delivery {
  final OutboundMessage message;
  final String group;
  int attempts;
  String lastError;
  long nextAttemptNanos;

  /** When the request carrying this message went out (set on a batch's first message). */
  long sentNanos;

  /** When the first attempt failed; 0 while none has. */
  long firstFailureNanos;

  /** Read back from the state store after parking: holds no buffer space, no transaction. */
  boolean fromStore;

  /** The id the sink gave the message once delivered (SQS MessageId). */
  String sinkMessageId;

  /** Where the sink put the body of a delivered message it offloaded (S3 key), else null. */
  String s3Key;

  Delivery(OutboundMessage message, String group) {
    this.message = message;
    this.group = group;
  }

  @Override
  public String toString() {
    return "Delivery[key="
        + message.idempotencyKey()
        + ", group="
        + group
        + ", attempts="
        + attempts
        + ", lastError="
        + lastError
        + "]";
  }
}

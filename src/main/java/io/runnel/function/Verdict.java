package io.runnel.function;

/** What a sink's functions decided for one message. Immutable. */
public sealed interface Verdict {

  /** The filter returned false: the message is dropped (not an error). */
  record Drop() implements Verdict {}

  /**
   * Send the message.
   *
   * @param body the transformed body, or null to send the message as encoded
   * @param queueUrl the routed queue, or null for the sink's configured queue
   */
  record Send(String body, String queueUrl) implements Verdict {}

  /** A function failed: the message is discarded with {@code reason}. */
  record Fail(String reason) implements Verdict {}
}

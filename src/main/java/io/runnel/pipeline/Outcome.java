package io.runnel.pipeline;

/**
 * What happened to one message sent to a sink.
 *
 * @param error the sink's error code and message; null when delivered
 * @param messageId the id the sink gave the delivered message (SQS MessageId), or null
 * @param throttled the sink asked to slow down (a {@link Kind#RETRY}): fewer requests in flight
 * @param s3Key where the body of a delivered message offloaded to S3 lies (the queue got a pointer
 *     to it); null otherwise
 */
public record Outcome(Kind kind, String error, String messageId, boolean throttled, String s3Key) {
  private static final Outcome DELIVERED = new Outcome(Kind.DELIVERED, null, null, false, null);

  public Outcome(Kind kind, String error, String messageId, boolean throttled) {
    this(kind, error, messageId, throttled, null);
  }

  /** This delivered outcome, for a message whose body was offloaded to {@code key}. */
  public Outcome withS3Key(String key) {
    return new Outcome(kind, error, messageId, throttled, key);
  }

  /** How the pipeline proceeds with the message. */
  public enum Kind {
    /** Accepted by the sink. */
    DELIVERED,
    /** Failed, may succeed later: throttling, 5xx, network, credentials. */
    RETRY,
    /** Failed, cannot succeed on retry: recorded and skipped so its group proceeds. */
    DISCARD
  }

  public static Outcome delivered() {
    return DELIVERED;
  }

  public static Outcome delivered(String messageId) {
    return new Outcome(Kind.DELIVERED, null, messageId, false);
  }

  public static Outcome retry(String error) {
    return new Outcome(Kind.RETRY, error, null, false);
  }

  /** A retry the sink's throttling caused: also shrinks the sink's requests in flight. */
  public static Outcome throttled(String error) {
    return new Outcome(Kind.RETRY, error, null, true);
  }

  public static Outcome discard(String error) {
    return new Outcome(Kind.DISCARD, error, null, false);
  }
}

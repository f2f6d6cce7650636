package io.runnel.sink.sqs;

import io.runnel.pipeline.Outcome;
import java.util.Set;

/**
 * The one place that decides whether an SQS failure can succeed on retry (DESIGN.md §5). Sender
 * faults that no retry can fix are discarded; everything else (throttling, 5xx, network,
 * credentials) is retried.
 */
final class SqsErrors {
  private static final Set<String> PERMANENT_ENTRY_CODES =
      Set.of(
          "MessageTooLong",
          "InvalidMessageContents",
          "InvalidParameterValue",
          "AWS.SimpleQueueService.InvalidMessageContents");

  /** Whole-request answers meaning "too big": split the batch and resend the parts. */
  private static final Set<String> REQUEST_TOO_LARGE_CODES =
      Set.of("MessageTooLong", "BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong");

  private SqsErrors() {}

  /** Outcome of a per-entry failure from SendMessageBatch. */
  static Outcome forEntry(String code, boolean senderFault, String message) {
    String error = code + ": " + message;
    if (senderFault && PERMANENT_ENTRY_CODES.contains(code)) {
      return Outcome.discard(error);
    }
    return Outcome.retry(error);
  }

  /**
   * Whether a whole-request rejection means "too big". ElasticMQ 1.6 answers with code {@code
   * InvalidAttributeValue} and the real reason, {@code MessageTooLong}, as the message.
   */
  static boolean isRequestTooLarge(String code, String message) {
    if (code != null && REQUEST_TOO_LARGE_CODES.contains(code)) {
      return true;
    }
    return message != null
        && REQUEST_TOO_LARGE_CODES.stream().anyMatch(tooLarge -> message.startsWith(tooLarge));
  }
}

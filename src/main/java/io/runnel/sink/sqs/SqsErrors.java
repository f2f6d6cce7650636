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

  /**
   * Codes meaning "slow down" (the AWS SDK's throttling list, with SQS's and KMS's own): they
   * shrink the sink's requests in flight besides backing the messages off.
   */
  private static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "RequestThrottled",
          "RequestThrottledException",
          "TooManyRequestsException",
          "SlowDown",
          "RequestLimitExceeded",
          "KMS.ThrottlingException",
          "AWS.SimpleQueueService.RequestThrottled");

  private SqsErrors() {}

  /**
   * Whether an answer (its code, or HTTP 429/503 whatever the code) asks the sender to slow down.
   */
  static boolean isThrottling(String code, int status) {
    return status == 429 || status == 503 || (code != null && THROTTLING_CODES.contains(code));
  }

  /**
   * Whether a whole-request failure is worth a quick second try before the messages back off: a
   * server fault (5xx) other than throttling.
   */
  static boolean isServerFault(String code, int status) {
    return status >= 500 && !isThrottling(code, status);
  }

  /** Outcome of a per-entry failure from SendMessageBatch. */
  static Outcome forEntry(String code, boolean senderFault, String message) {
    String error = code + ": " + message;
    if (senderFault && PERMANENT_ENTRY_CODES.contains(code)) {
      return Outcome.discard(error);
    }
    return isThrottling(code, 0) ? Outcome.throttled(error) : Outcome.retry(error);
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

package io.runnel.sink.sqs;

import io.runnel.pipeline.Outcome;
import java.util.List;
import java.util.Set;

/**
 * The one place that decides whether an SQS failure can succeed on retry (DESIGN.md §5). Sender
 * faults that no retry can fix are discarded; everything else (throttling, 5xx, network,
 * credentials) is retried.
 *
 * <p>Servers spell one error several ways: a bare code ({@code InvalidMessageContents}), the legacy
 * query code ({@code AWS.SimpleQueueService.InvalidMessageContents}), a JSON {@code __type} with
 * its namespace ({@code com.amazonaws.sqs#InvalidMessageContents}), or — ElasticMQ 1.6 — the
 * generic {@code InvalidAttributeValue} with the real reason as the message. Each is read as its
 * {@link #reason} before it is judged.
 */
final class SqsErrors {
  private static final String LEGACY_PREFIX = "AWS.SimpleQueueService.";
  private static final String INVALID_CONTENTS = "InvalidMessageContents";

  /** Reasons a server may put first in the message under a generic code. */
  private static final List<String> MESSAGE_REASONS =
      List.of(INVALID_CONTENTS, "MessageTooLong", "BatchRequestTooLong");

  private static final Set<String> PERMANENT_ENTRY_REASONS =
      Set.of("MessageTooLong", INVALID_CONTENTS, "InvalidParameterValue");

  /**
   * Whole-request answers that a part of the batch causes: split the batch and resend the parts.
   */
  private static final Set<String> SPLIT_REASONS =
      Set.of("MessageTooLong", "BatchRequestTooLong", INVALID_CONTENTS);

  /**
   * Reasons meaning "slow down" (the AWS SDK's throttling list, with SQS's and KMS's own; any
   * spelling, see {@link #reason}): they shrink the sink's requests in flight besides backing the
   * messages off.
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
          "KMS.ThrottlingException");

  private SqsErrors() {}

  /**
   * Whether an answer (its code, or HTTP 429/503 whatever the code) asks the sender to slow down.
   */
  static boolean isThrottling(String code, int status) {
    return status == 429 || status == 503 || THROTTLING_CODES.contains(reason(code, null));
  }

  /**
   * Whether a whole-request failure is worth a quick second try before the messages back off: a
   * server fault (5xx) other than throttling.
   */
  static boolean isServerFault(String code, int status) {
    return status >= 500 && !isThrottling(code, status);
  }

  /**
   * Outcome of a per-entry failure from SendMessageBatch. Characters SQS refuses are discarded
   * whatever the answer says about fault: no retry changes the body.
   */
  static Outcome forEntry(String code, boolean senderFault, String message) {
    String reason = reason(code, message);
    if (reason.equals(INVALID_CONTENTS)
        || (senderFault && PERMANENT_ENTRY_REASONS.contains(reason))) {
      return Outcome.discard(code + ": " + message);
    }
    String error = code + ": " + message;
    return isThrottling(code, 0) ? Outcome.throttled(error) : Outcome.retry(error);
  }

  /**
   * Whether a whole-request rejection is one a part of the batch causes (too large, characters SQS
   * refuses), so the batch is split and the parts resent until only the entry at fault is left.
   */
  static boolean splitsBatch(String code, String message) {
    return SPLIT_REASONS.contains(reason(code, message));
  }

  /**
   * What an error is about: its code without a namespace or the legacy prefix, unless that is no
   * reason this class knows and the message starts with one; "" when there is neither.
   */
  static String reason(String code, String message) {
    String name = code == null ? "" : code.substring(code.lastIndexOf('#') + 1);
    if (name.startsWith(LEGACY_PREFIX)) {
      name = name.substring(LEGACY_PREFIX.length());
    }
    if (message != null && !MESSAGE_REASONS.contains(name)) {
      for (String reason : MESSAGE_REASONS) {
        if (message.startsWith(reason) || message.startsWith(LEGACY_PREFIX + reason)) {
          return reason;
        }
      }
    }
    return name;
  }
}

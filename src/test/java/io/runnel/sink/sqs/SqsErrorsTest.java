package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.pipeline.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 18: InvalidMessageContents is judged the same under every spelling a server uses. */
class SqsErrorsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "InvalidMessageContents",
        "AWS.SimpleQueueService.InvalidMessageContents",
        "com.amazonaws.sqs#InvalidMessageContents",
        "com.amazonaws.sqs#AWS.SimpleQueueService.InvalidMessageContents"
      })
  void anEntryWithInvalidContentsIsDiscardedWhateverItsSenderFaultSays(String code) {
    for (boolean senderFault : new boolean[] {true, false}) {
      Outcome outcome = SqsErrors.forEntry(code, senderFault, "Invalid binary character '#xFFFE'");
      assertThat(outcome).isEqualTo(Outcome.discard(code + ": Invalid binary character '#xFFFE'"));
    }
  }

  @ParameterizedTest
  @CsvSource({
    // ElasticMQ 1.6: the generic code, the reason as the message
    "InvalidAttributeValue, InvalidMessageContents",
    "com.amazonaws.sqs#InvalidAttributeValue, InvalidMessageContents",
    ", AWS.SimpleQueueService.InvalidMessageContents: bad character",
  })
  void theReasonIsReadFromTheMessageUnderAGenericCode(String code, String message) {
    assertThat(SqsErrors.reason(code, message)).isEqualTo("InvalidMessageContents");
    assertThat(SqsErrors.forEntry(code, true, message).kind()).isEqualTo(Outcome.Kind.DISCARD);
    assertThat(SqsErrors.splitsBatch(code, message)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "InvalidMessageContents",
        "AWS.SimpleQueueService.InvalidMessageContents",
        "com.amazonaws.sqs#InvalidMessageContents",
        "MessageTooLong",
        "BatchRequestTooLong",
        "AWS.SimpleQueueService.BatchRequestTooLong"
      })
  void aWholeRequestRejectedForOneEntryIsSplit(String code) {
    assertThat(SqsErrors.splitsBatch(code, "whatever")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "InvalidAttributeValue, MessageTooLong",
    "InvalidAttributeValue, BatchRequestTooLong: 300000 bytes",
  })
  void elasticMqsTooLargeAnswersStillSplit(String code, String message) {
    assertThat(SqsErrors.splitsBatch(code, message)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "AWS.SimpleQueueService.NonExistentQueue, gone",
    "com.amazonaws.sqs#InvalidAction, Invalid request: MalformedRequestContentRejection",
    "ThrottlingException, slow down",
    ", HTTP 503",
    "InvalidAttributeValue, InvalidMessageGroupId",
  })
  void otherRejectionsAreNotSplit(String code, String message) {
    assertThat(SqsErrors.splitsBatch(code, message)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "MessageTooLong, true, DISCARD",
    "AWS.SimpleQueueService.MessageTooLong, true, DISCARD",
    "com.amazonaws.sqs#InvalidParameterValue, true, DISCARD",
    "MessageTooLong, false, RETRY",
    "InternalError, false, RETRY",
    "InvalidAttributeValue, true, RETRY",
  })
  void otherEntryFailuresKeepTheirRule(String code, boolean senderFault, Outcome.Kind kind) {
    assertThat(SqsErrors.forEntry(code, senderFault, "m").kind()).isEqualTo(kind);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ThrottlingException",
        "com.amazonaws.sqs#ThrottlingException",
        "AWS.SimpleQueueService.RequestThrottled",
        "KMS.ThrottlingException"
      })
  void throttlingIsRecognisedUnderAnySpelling(String code) {
    assertThat(SqsErrors.isThrottling(code, 400)).isTrue();
    assertThat(SqsErrors.forEntry(code, false, "Rate exceeded").throttled()).isTrue();
    assertThat(SqsErrors.isServerFault(code, 500)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 503})
  void throttlingStatusesNeedNoCode(int status) {
    assertThat(SqsErrors.isThrottling(null, status)).isTrue();
    assertThat(SqsErrors.isThrottling("InternalError", 500)).isFalse();
  }
}

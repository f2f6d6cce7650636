package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchResponseReaderTest {
  private static OutboundMessage message(String body) {
    return TestMessages.message("key-" + body, "group", body);
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void oneOutcomePerEntryInBatchOrder() throws IOException {
    List<OutboundMessage> batch = List.of(message("a"), message("b"), message("c"), message("d"));
    BatchResponseReader.Answered answered =
        BatchResponseReader.outcomes(
            json(
                """
                {"Failed":[{"Id":"1","Code":"InvalidMessageContents","Message":"bad","SenderFault":true},
                           {"Id":"2","Code":"InternalError","Message":"oops","SenderFault":false}],
                 "Successful":[{"Id":"0","MessageId":"m-0","MD5OfMessageBody":"%s","SequenceNumber":"1"}],
                 "Unknown":{"x":[1,2]}}
                """
                    .formatted(MessageIds.md5Hex("a"))),
            batch);
    assertThat(answered.outcomes())
        .containsExactly(
            Outcome.delivered("m-0"),
            Outcome.discard("InvalidMessageContents: bad"),
            Outcome.retry("InternalError: oops"),
            Outcome.retry("SendMessageBatch answer did not mention entry 3"));
    assertThat(answered.successful()).isEqualTo(1);
    assertThat(answered.failed()).isEqualTo(2);
  }

  @Test
  void anAcceptedBodyWhoseMd5DiffersIsRetried() throws IOException {
    BatchResponseReader.Answered answered =
        BatchResponseReader.outcomes(
            json(
                "{\"Successful\":[{\"Id\":\"0\",\"MessageId\":\"m\",\"MD5OfMessageBody\":\""
                    + MessageIds.md5Hex("other")
                    + "\"}]}"),
            List.of(message("a")));
    assertThat(answered.outcomes().get(0).kind()).isEqualTo(Outcome.Kind.RETRY);
    assertThat(answered.outcomes().get(0).error()).contains("MD5 of the body SQS received");
  }

  @Test
  void aRejectionTakesTheQueryCodeElseTheJsonType() {
    BatchResponseReader.Rejection legacy =
        BatchResponseReader.rejection(
            new HttpAnswer(
                400,
                "AWS.SimpleQueueService.NonExistentQueue;Sender",
                json("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"gone\"}")));
    assertThat(legacy)
        .isEqualTo(
            new BatchResponseReader.Rejection("AWS.SimpleQueueService.NonExistentQueue", "gone"));

    BatchResponseReader.Rejection typed =
        BatchResponseReader.rejection(
            new HttpAnswer(
                400,
                null,
                json(
                    "{\"__type\":\"com.amazonaws.sqs#BatchRequestTooLong\",\"Message\":\"big\"}")));
    assertThat(typed).isEqualTo(new BatchResponseReader.Rejection("BatchRequestTooLong", "big"));

    BatchResponseReader.Rejection html =
        BatchResponseReader.rejection(new HttpAnswer(502, null, json("<html>bad gateway</html>")));
    assertThat(html).isEqualTo(new BatchResponseReader.Rejection(null, "<html>bad gateway</html>"));
  }

  /** Issue 18: each spelling of an entry refused for its characters is discarded, not retried. */
  @Test
  void anEntryRefusedForItsCharactersIsDiscardedUnderEverySpelling() throws IOException {
    List<OutboundMessage> batch =
        List.of(message("a"), message("b"), message("c"), message("d"), message("e"), message("f"));
    BatchResponseReader.Answered answered =
        BatchResponseReader.outcomes(
            json(
                """
                {"Failed":[
                  {"Code":"InvalidAttributeValue","Id":"0","Message":"InvalidMessageContents","SenderFault":true},
                  {"Id":"1","Code":"AWS.SimpleQueueService.InvalidMessageContents","Message":"m","SenderFault":"true"},
                  {"Id":"2","Code":"com.amazonaws.sqs#InvalidMessageContents","Message":"m"},
                  {"Id":"3","Code":"InvalidMessageContents","Message":"m","senderFault":true},
                  {"Id":"4","Code":"InvalidMessageContents","Message":"m","SenderFault":false},
                  {"Id":"5","Code":"MessageTooLong","Message":"m","senderFault":"true"}]}
                """),
            batch);
    assertThat(answered.outcomes())
        .containsExactly(
            Outcome.discard("InvalidAttributeValue: InvalidMessageContents"),
            Outcome.discard("AWS.SimpleQueueService.InvalidMessageContents: m"),
            Outcome.discard("com.amazonaws.sqs#InvalidMessageContents: m"),
            Outcome.discard("InvalidMessageContents: m"),
            Outcome.discard("InvalidMessageContents: m"),
            Outcome.discard("MessageTooLong: m"));
  }

  /** ElasticMQ 1.6's answer to SendMessage with U+FFFE, and AWS's, split the batch. */
  @Test
  void aWholeRequestRefusedForItsCharactersSplitsTheBatch() {
    BatchResponseReader.Rejection elasticMq =
        BatchResponseReader.rejection(
            new HttpAnswer(
                400,
                null,
                json(
                    "{\"Message\":\"InvalidMessageContents\","
                        + "\"__type\":\"com.amazonaws.sqs#InvalidAttributeValue\"}")));
    assertThat(elasticMq)
        .isEqualTo(
            new BatchResponseReader.Rejection("InvalidAttributeValue", "InvalidMessageContents"));
    assertThat(SqsErrors.splitsBatch(elasticMq.code(), elasticMq.message())).isTrue();

    BatchResponseReader.Rejection aws =
        BatchResponseReader.rejection(
            new HttpAnswer(
                400,
                "AWS.SimpleQueueService.InvalidMessageContents;Sender",
                json(
                    "{\"__type\":\"com.amazonaws.sqs#InvalidMessageContents\","
                        + "\"message\":\"Invalid binary character '#xFFFE' was found\"}")));
    assertThat(SqsErrors.splitsBatch(aws.code(), aws.message())).isTrue();

    BatchResponseReader.Rejection typed =
        BatchResponseReader.rejection(
            new HttpAnswer(
                400,
                null,
                json(
                    "{\"__type\":\"com.amazonaws.sqs#InvalidMessageContents\",\"message\":\"x\"}")));
    assertThat(SqsErrors.splitsBatch(typed.code(), typed.message())).isTrue();
  }
}

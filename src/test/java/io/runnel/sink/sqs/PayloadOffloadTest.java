package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runnel.config.LargePayloads;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Which messages are offloaded, what replaces them, and the attribute the request carries. */
class PayloadOffloadTest {
  private static final SqsQueue QUEUE =
      SqsQueue.of("http://localhost:9324/000000000000/q.fifo", 1000);

  private static PayloadOffload offload(Integer threshold, boolean always) {
    LargePayloads config =
        new LargePayloads("bucket", "runnel/s/", threshold, always, null, null, false, null, null);
    return new PayloadOffload(
        new S3Payloads(null, config, "s"), config, "s", new SimpleMeterRegistry());
  }

  private static OutboundMessage message(int bytes) {
    return TestMessages.message("a2V5", "group", "x".repeat(bytes));
  }

  @Test
  void thresholdDefaultsToTheQueueLimit() {
    PayloadOffload offload = offload(null, false);

    assertThat(offload.threshold(QUEUE)).isEqualTo(1000);
    assertThat(offload.needed(message(1000), QUEUE)).isFalse();
    assertThat(offload.needed(message(1001), QUEUE)).isTrue();
  }

  @Test
  void aSmallerThresholdApplies() {
    PayloadOffload offload = offload(100, false);

    assertThat(offload.needed(message(100), QUEUE)).isFalse();
    assertThat(offload.needed(message(101), QUEUE)).isTrue();
    assertThat(offload.anyNeeded(List.of(message(5), message(101)), QUEUE)).isTrue();
    assertThat(offload.anyNeeded(List.of(message(5), message(100)), QUEUE)).isFalse();
  }

  @Test
  void aLargerThresholdIsCappedAtTheQueueLimit() {
    assertThat(offload(5000, false).needed(message(1001), QUEUE)).isTrue();
  }

  @Test
  void alwaysOffloadsEveryMessage() {
    assertThat(offload(null, true).needed(message(1), QUEUE)).isTrue();
  }

  @Test
  void thePointerKeepsTheIdsAndPointsAtTheObject() throws Exception {
    OutboundMessage original = message(2000);
    OutboundMessage pointer = offload(null, false).pointer(original, "runnel/s/k");

    assertThat(pointer.idempotencyKey()).isEqualTo(original.idempotencyKey());
    assertThat(pointer.groupKey()).isEqualTo(original.groupKey());
    assertThat(MessageIds.deduplicationId(pointer)).isEqualTo(MessageIds.deduplicationId(original));
    assertThat(pointer.body())
        .isEqualTo(
            "[\"software.amazon.payloadoffloading.PayloadS3Pointer\","
                + "{\"s3BucketName\":\"bucket\",\"s3Key\":\"runnel/s/k\"}]");
    assertThat(pointer.sizeBytes())
        .isEqualTo(pointer.body().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void theRequestCarriesExtendedPayloadSizeForPointersOnly() throws Exception {
    OutboundMessage plain = TestMessages.message("a", "g1", "{\"small\":1}");
    OutboundMessage pointer = offload(null, false).pointer(message(2000), "k");
    BatchRequestWriter.Body body =
        new BatchRequestWriter(true).write(QUEUE, List.of(plain, pointer), Map.of(pointer, 2000L));

    JsonNode entries =
        new ObjectMapper(new JsonFactory())
            .readTree(new String(body.array(), 0, body.length(), StandardCharsets.UTF_8))
            .get("Entries");
    assertThat(entries.get(0).has("MessageAttributes")).isFalse();
    assertThat(entries.get(1).get("MessageAttributes").toString())
        .isEqualTo("{\"ExtendedPayloadSize\":{\"DataType\":\"Number\",\"StringValue\":\"2000\"}}");
    assertThat(entries.get(1).get("MessageGroupId").asText())
        .isEqualTo(MessageIds.groupId(message(1)));
  }

  @Test
  void aPointerWhoseAttributeMd5DiffersIsRetried() throws Exception {
    OutboundMessage pointer = offload(null, false).pointer(message(2000), "k");
    String answer =
        "{\"Successful\":[{\"Id\":\"0\",\"MessageId\":\"m\",\"MD5OfMessageBody\":\"%s\","
            + "\"MD5OfMessageAttributes\":\"%s\"}]}";

    List<Outcome> good =
        BatchResponseReader.outcomes(
                answer
                    .formatted(
                        MessageIds.md5Hex(pointer.body()), PayloadPointer.attributesMd5(2000))
                    .getBytes(StandardCharsets.UTF_8),
                List.of(pointer),
                Map.of(pointer, 2000L))
            .outcomes();
    List<Outcome> bad =
        BatchResponseReader.outcomes(
                answer
                    .formatted(MessageIds.md5Hex(pointer.body()), PayloadPointer.attributesMd5(1))
                    .getBytes(StandardCharsets.UTF_8),
                List.of(pointer),
                Map.of(pointer, 2000L))
            .outcomes();

    assertThat(good).containsExactly(Outcome.delivered("m"));
    assertThat(bad.get(0).kind()).isEqualTo(Outcome.Kind.RETRY);
    assertThat(bad.get(0).error()).contains("MD5 of the message attributes");
  }

  /** An S3 client whose PutObject fails for bodies starting with "f", and succeeds otherwise. */
  private static final class FakeS3 implements S3AsyncClient {
    @Override
    public CompletableFuture<PutObjectResponse> putObject(
        PutObjectRequest request, AsyncRequestBody body) {
      return failing(request)
          ? CompletableFuture.failedFuture(new IllegalStateException("S3 is down"))
          : CompletableFuture.completedFuture(PutObjectResponse.builder().build());
    }

    private static boolean failing(PutObjectRequest request) {
      return request.key().equals(S3Payloads.key("runnel/s/", "s", "failing"));
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }

  @Test
  void onlyWhatNeedsItGoesToS3AndAFailedPutHoldsBackItsGroup() {
    LargePayloads config =
        new LargePayloads("bucket", "runnel/s/", 100, false, null, null, false, null, null);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PayloadOffload offload =
        new PayloadOffload(new S3Payloads(new FakeS3(), config, "s"), config, "s", registry);
    OutboundMessage failing = TestMessages.message("failing", "g", "f".repeat(200));
    OutboundMessage behind = TestMessages.message("behind", "g", "{}");
    OutboundMessage small = TestMessages.message("small", "h", "{}");
    OutboundMessage large = TestMessages.message("large", "i", "x".repeat(200));

    PayloadOffload.Prepared prepared =
        offload.prepare(QUEUE, List.of(failing, behind, small, large)).join();

    List<OutboundMessage> sent = prepared.toSend();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0)).isSameAs(small);
    assertThat(sent.get(1).body()).startsWith("[\"software.amazon.payloadoffloading");
    assertThat(prepared.extendedSizes()).containsOnlyKeys(sent.get(1));
    assertThat(prepared.extendedSizes().get(sent.get(1))).isEqualTo(200L);
    List<Outcome> outcomes =
        prepared.merge(List.of(Outcome.delivered("m-small"), Outcome.delivered("m-large")));
    assertThat(outcomes.get(0).kind()).isEqualTo(Outcome.Kind.RETRY);
    assertThat(outcomes.get(0).error()).contains("PutObject s3://bucket/runnel/s/");
    assertThat(outcomes.get(1).error()).startsWith("waits for an earlier message of its group");
    assertThat(outcomes.get(2)).isEqualTo(Outcome.delivered("m-small"));
    assertThat(outcomes.get(3).s3Key()).isEqualTo(S3Payloads.key("runnel/s/", "s", "large"));
    assertThat(registry.counter("runnel.payloads.offloaded", "sink", "s").count()).isEqualTo(1);
    assertThat(registry.counter("runnel.payload.offload.bytes", "sink", "s").count())
        .isEqualTo(200);
  }
}

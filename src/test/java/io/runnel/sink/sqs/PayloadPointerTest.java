package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.internal.MessageMD5ChecksumInterceptor;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The pointer body and the ExtendedPayloadSize attribute's MD5, against the AWS libraries. */
class PayloadPointerTest {

  @Test
  void bodyIsTheExtendedClientsPointer() {
    assertThat(PayloadPointer.body("my-bucket", "runnel/s/abc"))
        .isEqualTo(
            "[\"software.amazon.payloadoffloading.PayloadS3Pointer\","
                + "{\"s3BucketName\":\"my-bucket\",\"s3Key\":\"runnel/s/abc\"}]");
  }

  @Test
  void keysAreJsonEscaped() throws Exception {
    String body = PayloadPointer.body("b", "a\"b\\c");

    assertThat(new ObjectMapper().readTree(body).get(1).get("s3Key").asText()).isEqualTo("a\"b\\c");
  }

  @Test
  void attributesMd5IsTheSdksChecksum() throws Exception {
    Method sdk =
        MessageMD5ChecksumInterceptor.class.getDeclaredMethod(
            "calculateMessageAttributesMd5", Map.class);
    sdk.setAccessible(true);
    for (long size : new long[] {0, 262_145, 2_000_000, Long.MAX_VALUE}) {
      Map<String, MessageAttributeValue> attributes =
          Map.of(
              "ExtendedPayloadSize",
              MessageAttributeValue.builder()
                  .dataType("Number")
                  .stringValue(Long.toString(size))
                  .build());

      assertThat(PayloadPointer.attributesMd5(size)).isEqualTo(sdk.invoke(null, attributes));
    }
  }
}

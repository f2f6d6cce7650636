package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Object keys: deterministic per sink and idempotency key, under the prefix. */
class S3PayloadsTest {

  @Test
  void keyIsThePrefixAndADigestOfSinkAndIdempotencyKey() {
    String key = S3Payloads.key("runnel/orders/", "orders", "MTIzNDU2Nzg5OjA=");

    assertThat(key).matches("runnel/orders/[0-9a-f]{64}");
    assertThat(S3Payloads.key("runnel/orders/", "orders", "MTIzNDU2Nzg5OjA=")).isEqualTo(key);
  }

  @Test
  void keyDiffersByMessageAndBySink() {
    String key = S3Payloads.key("p/", "orders", "MTIzNDU2Nzg5OjA=");

    assertThat(S3Payloads.key("p/", "orders", "MTIzNDU2Nzg5OjE=")).isNotEqualTo(key);
    assertThat(S3Payloads.key("p/", "billing", "MTIzNDU2Nzg5OjA=")).isNotEqualTo(key);
  }

  @Test
  void keyOfAKnownMessage() {
    // A key must never change between versions, or a retry after an upgrade would write a second
    // object: sha256("orders\nMTIzNDU2Nzg5OjA=").
    assertThat(S3Payloads.key("", "orders", "MTIzNDU2Nzg5OjA="))
        .isEqualTo("a0953aceeed5af9a168408428926cae148d9dfa9d22c37a5f35083d0eed97244");
  }
}

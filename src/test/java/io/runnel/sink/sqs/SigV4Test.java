package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Runnel's SigV4 must sign exactly as the AWS SDK's own signer does. */
class SigV4Test {
  private static final Instant NOW = Instant.parse("2026-12-06T05:09:21Z");
  private static final byte[] BODY =
      "{\"QueueUrl\":\"https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo\",\"Entries\":[{\"Id\":\"0\",\"MessageBody\":\"héllo\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void signsAsTheSdkDoes() {
    assertSameAsSdk(AwsCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCY"));
  }

  @Test
  void signsTheSessionTokenOfTemporaryCredentialsAsTheSdkDoes() {
    assertSameAsSdk(
        AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", "secret/key+1", "token//with+chars="));
  }

  @Test
  void aNewDayDerivesANewKey() {
    SigV4 signer = new SigV4("us-east-1", "sqs");
    Map<String, String> headers = new TreeMap<>(Map.of("host", "sqs.us-east-1.amazonaws.com"));
    String monday =
        signer.authorization("AK", "S", "20261207T000000Z", "/", headers, BODY, BODY.length);
    String sunday =
        signer.authorization("AK", "S", "20261206T235959Z", "/", headers, BODY, BODY.length);
    assertThat(monday).contains("/20261207/us-east-1/sqs/aws4_request");
    assertThat(sunday).contains("/20261206/us-east-1/sqs/aws4_request");
    assertThat(signature(monday)).isNotEqualTo(signature(sunday));
  }

  private static void assertSameAsSdk(AwsCredentialsIdentity identity) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("https://sqs.eu-west-1.amazonaws.com/"))
            .putHeader("Content-Type", "application/x-amz-json-1.0")
            .putHeader("X-Amz-Target", "AmazonSQS.SendMessageBatch")
            .putHeader("x-amzn-query-mode", "true")
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(identity)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                        .putProperty(
                            AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
    Map<String, String> headers = new TreeMap<>();
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Authorization")) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
              }
            });
    String sdk = signed.request().firstMatchingHeader("Authorization").orElseThrow();
    String secret = identity.secretAccessKey();
    String ours =
        new SigV4("eu-west-1", "sqs")
            .authorization(
                identity.accessKeyId(),
                secret,
                headers.get("x-amz-date"),
                "/",
                headers,
                BODY,
                BODY.length);
    assertThat(headers.get("x-amz-date")).isEqualTo("20261206T050921Z");
    assertThat(ours).isEqualTo(sdk);
  }

  private static String signature(String authorization) {
    return authorization.substring(authorization.indexOf("Signature="));
  }
}

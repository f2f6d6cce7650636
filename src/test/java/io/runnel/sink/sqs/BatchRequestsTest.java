package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.aws.AwsProxy;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import io.runnel.testing.ScriptedHttpServer;
import io.runnel.testing.ScriptedHttpServer.Answer;
import io.runnel.testing.ScriptedHttpServer.Drop;
import io.runnel.testing.ScriptedHttpServer.Reply;
import io.runnel.testing.ScriptedHttpServer.Request;
import io.runnel.testing.ScriptedHttpServer.Stall;
import io.runnel.testing.TestCa;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * SendMessageBatch requests against a server that answers as SQS would — or as a throttled,
 * failing, stalled or clock-skewed SQS would — over real loopback connections.
 */
class BatchRequestsTest {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final SqsQueue QUEUE =
      SqsQueue.of("https://sqs.us-east-1.amazonaws.com/123456789012/q", 1 << 20);

  @TempDir static Path directory;
  private static TestCa ca;

  private ScriptedHttpServer server;
  private BatchRequests requests;
  private ClockSkew skew;

  @BeforeAll
  static void makeCa() {
    ca = TestCa.create(directory, "localhost");
  }

  @AfterEach
  void stop() throws Exception {
    if (requests != null) {
      requests.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static OutboundMessage message(String body) {
    return TestMessages.message("key-" + body, "group-" + body, body);
  }

  private static Answer accepted(Request request) {
    String body = request.body(java.nio.charset.StandardCharsets.UTF_8);
    String text = body.substring(body.indexOf("\"MessageBody\":\"") + 15);
    text = text.substring(0, text.indexOf('"'));
    return new Answer(
        200,
        Map.of(),
        "{\"Successful\":[{\"Id\":\"0\",\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\""
            + MessageIds.md5Hex(text)
            + "\"}]}");
  }

  private static Answer error(int status, String code, String message) {
    return new Answer(
        status,
        Map.of("x-amzn-query-error", code + ";Sender"),
        "{\"__type\":\"com.amazonaws.sqs#" + code + "\",\"message\":\"" + message + "\"}");
  }

  private BatchRequests.Result send(String scheme, SSLContext tls, ScriptedHttpServer.Script script)
      throws Exception {
    server = ScriptedHttpServer.start("https".equals(scheme) ? ca.serverContext() : null, script);
    return sendAgain(URI.create(scheme + "://localhost:" + server.port()), tls);
  }

  private BatchRequests.Result sendAgain(URI uri, SSLContext tls) throws Exception {
    if (requests == null) {
      SqsEndpoint endpoint = SqsEndpoint.of(uri, "us-east-1");
      skew = new ClockSkew(Clock.systemUTC(), "test-sink");
      requests =
          new BatchRequests(
              endpoint,
              new BatchTransport(
                  endpoint,
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                  (tls != null ? tls : defaultTls()).getSocketFactory(),
                  DEADLINE,
                  AwsProxy.resolve(Map.of(), new java.util.Properties())),
              skew,
              true);
    }
    return requests.send(QUEUE, List.of(message("hello"))).get();
  }

  private static SSLContext defaultTls() throws Exception {
    return SSLContext.getDefault();
  }

  @Test
  void signsAndSendsOverTlsToAServerTheTestCaVouchesFor() throws Exception {
    BatchRequests.Result result = send("https", ca.clientContext(), BatchRequestsTest::accepted);

    assertThat(result).isInstanceOf(BatchRequests.Answered.class);
    assertThat(((BatchRequests.Answered) result).answer().outcomes())
        .containsExactly(Outcome.delivered("m-1"));
    Request request = server.requests().get(0);
    assertThat(request.headers())
        .containsEntry("host", "localhost:" + server.port())
        .containsEntry("x-amz-target", "AmazonSQS.SendMessageBatch")
        .containsKey("x-amz-date");
    assertThat(request.headers().get("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKID/")
        .contains("/us-east-1/sqs/aws4_request");
  }

  @Test
  void refusesAServerWhoseCertificateNoTrustedCaSigned() throws Exception {
    BatchRequests.Result result = send("https", defaultTls(), BatchRequestsTest::accepted);

    assertThat(result).isInstanceOf(BatchRequests.Rejected.class);
    assertThat(((BatchRequests.Rejected) result).description())
        .contains("SSLHandshakeException")
        .contains("localhost:" + server.port());
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void refusesACertificateForAnotherHostName() throws Exception {
    server = ScriptedHttpServer.start(ca.serverContext(), BatchRequestsTest::accepted);
    BatchRequests.Result result =
        sendAgain(URI.create("https://127.0.0.1:" + server.port()), ca.clientContext());

    assertThat(result).isInstanceOf(BatchRequests.Rejected.class);
    assertThat(((BatchRequests.Rejected) result).description()).contains("SSLHandshakeException");
  }

  @ParameterizedTest
  @CsvSource({
    "400, ThrottlingException",
    "400, RequestThrottled",
    "400, KMS.ThrottlingException",
    "429, TooManyRequestsException",
    "503, ServiceUnavailable"
  })
  void throttlingIsReportedAsSuchAndNotRetriedAtOnce(int status, String code) throws Exception {
    BatchRequests.Result result = send("http", null, r -> error(status, code, "Rate exceeded"));

    assertThat(result).isInstanceOf(BatchRequests.Rejected.class);
    assertThat(((BatchRequests.Rejected) result).throttled()).isTrue();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aServerFaultIsRetriedTwiceQuicklyThenLeftToTheMessageBackoff() throws Exception {
    BatchRequests.Result result = send("http", null, r -> error(500, "InternalError", "oops"));

    assertThat(result).isInstanceOf(BatchRequests.Rejected.class);
    assertThat(((BatchRequests.Rejected) result).throttled()).isFalse();
    assertThat(((BatchRequests.Rejected) result).description())
        .isEqualTo("InternalError: oops (HTTP 500)");
    assertThat(server.requests()).hasSize(1 + BatchRequests.QUICK_RETRIES);
  }

  @Test
  void aOneOffServerFaultIsOvercomeByAQuickRetry() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BatchRequests.Result result =
        send(
            "http",
            null,
            r -> calls.incrementAndGet() == 1 ? error(502, "BadGateway", "x") : accepted(r));

    assertThat(result).isInstanceOf(BatchRequests.Answered.class);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void aConnectionDroppedBeforeAnyAnswerIsSentAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BatchRequests.Result result =
        send("http", null, r -> calls.incrementAndGet() == 1 ? new Drop() : accepted(r));

    assertThat(result).isInstanceOf(BatchRequests.Answered.class);
    assertThat(server.requests()).hasSize(2);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aStalledAnswerEndsAtTheDeadlineAndIsLeftToTheMessageBackoff() throws Exception {
    BatchRequests.Result result =
        send("http", null, r -> new Stall(200, "{\"Successful\":[{\"Id\":\"0\"}]}"));

    assertThat(result).isInstanceOf(BatchRequests.Rejected.class);
    assertThat(((BatchRequests.Rejected) result).description())
        .contains("HttpTimeoutException")
        .contains("within " + DEADLINE.toMillis() + " ms");
    assertThat(server.requests()).as("a stalled server gets no quick retry").hasSize(1);
  }

  @Test
  void aServerClockTwentyMinutesAheadIsFollowedAfterOneRefusal() throws Exception {
    Duration ahead = Duration.ofMinutes(20);
    ScriptedHttpServer.Script skewed =
        r -> {
          Instant serverNow = Instant.now().plus(ahead);
          Instant signed = AMZ_DATE.parse(r.headers().get("x-amz-date"), Instant::from);
          if (Duration.between(signed, serverNow).abs().compareTo(Duration.ofMinutes(5)) > 0) {
            Answer refusal =
                error(400, "InvalidSignatureException", "Signature expired: " + signed);
            return new Answer(
                refusal.status(),
                Map.of(
                    "x-amzn-query-error",
                    "InvalidSignatureException;Sender",
                    "Date",
                    ClockSkew.httpDate(serverNow)),
                refusal.body());
          }
          return accepted(r);
        };
    BatchRequests.Result first = send("http", null, skewed);

    assertThat(first).isInstanceOf(BatchRequests.Answered.class);
    assertThat(server.requests()).hasSize(2);
    assertThat(skew.offset()).isBetween(ahead.minusSeconds(5), ahead.plusSeconds(5));

    BatchRequests.Result second = sendAgain(null, null);
    assertThat(second).isInstanceOf(BatchRequests.Answered.class);
    assertThat(server.requests()).as("signed with the server's time from then on").hasSize(3);
  }

  @Test
  void aRefusedSignatureWithoutSkewIsNotRetried() throws Exception {
    Reply refusal = error(403, "SignatureDoesNotMatch", "bad secret");
    BatchRequests.Result result = send("http", null, r -> refusal);

    assertThat(result).isInstanceOf(BatchRequests.Rejected.class);
    assertThat(server.requests()).hasSize(1);
    assertThat(skew.offset()).isZero();
  }
}

package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.runnel.aws.AwsProxy;
import io.runnel.aws.ProxiedDefaultCredentials;
import io.runnel.aws.ProxiedDefaultCredentials.WebIdentity;
import io.runnel.aws.SdkHttp;
import io.runnel.config.CheckResult;
import io.runnel.config.SqsDestination;
import io.runnel.demo.EmbeddedSqs;
import io.runnel.it.RealServers;
import io.runnel.it.Servers;
import io.runnel.testing.ConnectProxy;
import io.runnel.testing.TestCa;
import io.runnel.testing.TlsFront;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Every AWS call Runnel makes — SendMessageBatch over java.net.http, the SDK's queue lookups and
 * STS — through an HTTP proxy, to HTTPS endpoints whose names only the proxy knows: ElasticMQ as
 * {@code sqs.proxy-only.test} and a fake STS as {@code sts.eu-west-1.amazonaws.com}, both behind
 * TLS with a test CA.
 */
@RealServers
class SdkProxyIT {
  private static final String SQS_HOST = "sqs.proxy-only.test";
  private static final String STS_HOST = "sts.eu-west-1.amazonaws.com";
  private static final String QUEUE_URL = "https://" + SQS_HOST + "/000000000000/orders";

  @TempDir static Path directory;
  private static Servers servers;
  private static EmbeddedSqs sqs;
  private static HttpServer sts;
  private static TlsFront sqsFront;
  private static TlsFront stsFront;
  private static TlsTrustManagersProvider trust;
  private static TestCa ca;
  private static final List<String> webIdentityRequests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    sqs = servers.sqs;
    servers.createQueue("orders");
    sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sts.createContext("/", SdkProxyIT::answerSts);
    sts.start();
    ca = TestCa.create(directory, SQS_HOST, STS_HOST);
    sqsFront = TlsFront.start(ca.serverContext(), sqs.port());
    stsFront = TlsFront.start(ca.serverContext(), sts.getAddress().getPort());
    trust = ca::trustManagers;
  }

  @AfterAll
  static void stop() throws IOException {
    sqsFront.close();
    stsFront.close();
    sts.stop(0);
  }

  /**
   * STS's answer (query protocol, XML) to the action asked: AssumeRoleWithWebIdentity (its request
   * body kept in {@link #webIdentityRequests}) or, for anything else, AssumeRole.
   */
  private static void answerSts(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String action = "AssumeRole";
    String key = "ASIAPROXIED";
    if (body.contains("Action=AssumeRoleWithWebIdentity")) {
      webIdentityRequests.add(URLDecoder.decode(body, StandardCharsets.UTF_8));
      action = "AssumeRoleWithWebIdentity";
      key = "ASIAWEBIDENTITY";
    }
    String expiration = Instant.now().plus(1, ChronoUnit.HOURS).toString();
    byte[] answer =
        ("""
            <%1$sResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <%1$sResult>
                <Credentials>
                  <AccessKeyId>%2$s</AccessKeyId>
                  <SecretAccessKey>secret</SecretAccessKey>
                  <SessionToken>token</SessionToken>
                  <Expiration>%3$s</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/runnel/runnel</Arn>
                  <AssumedRoleId>AROAEXAMPLE:runnel</AssumedRoleId>
                </AssumedRoleUser>
              </%1$sResult>
              <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
            </%1$sResponse>
            """)
            .formatted(action, key, expiration)
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.sendResponseHeaders(200, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  private static SqsDestination queue(String roleArn) {
    return new SqsDestination(
        QUEUE_URL,
        "eu-west-1",
        "AKIAEXAMPLE",
        "secret",
        false,
        roleArn,
        null,
        true,
        "https://" + SQS_HOST,
        null);
  }

  private static SdkHttp through(int proxyPort, String userInfo) {
    String url = "http://" + userInfo + "127.0.0.1:" + proxyPort;
    return new SdkHttp(AwsProxy.resolve(Map.of("HTTPS_PROXY", url), new Properties()), trust);
  }

  private static Optional<CheckResult> check(SdkHttp http) {
    return QueueChecks.check(queue(null), "sinks[0].destination.queue_url", http);
  }

  @Test
  void queueCheckPassesThroughAnAuthenticatingProxy() throws IOException {
    try (ConnectProxy proxy =
        ConnectProxy.start("runnel", "p@ss").route(SQS_HOST, sqsFront.port())) {
      assertThat(check(through(proxy.port(), "runnel:p%40ss@"))).isEmpty();
      assertThat(proxy.tunnels(SQS_HOST)).isPositive();
    }
  }

  @Test
  void queueCheckPassesThroughAnOpenProxy() throws IOException {
    try (ConnectProxy proxy = ConnectProxy.start().route(SQS_HOST, sqsFront.port())) {
      assertThat(check(through(proxy.port(), ""))).isEmpty();
      assertThat(proxy.tunnels(SQS_HOST)).isPositive();
    }
  }

  /** The host does not resolve here; where DNS is slow to say so, the check times out instead. */
  @Test
  void withoutTheProxyTheHostIsUnreachable() {
    SdkHttp direct = new SdkHttp(AwsProxy.resolve(Map.of(), new Properties()), trust);
    assertThat(check(direct))
        .hasValueSatisfying(
            r ->
                assertThat(r.message())
                    .matches("(cannot reach SQS: |no answer from SQS within ).*")
                    .doesNotContain("through proxy"));
  }

  /** SqsSink.open reads the queue's size limit with this client and call. */
  @Test
  void sinkReadsTheQueueLimitThroughTheProxy() throws IOException {
    try (ConnectProxy proxy = ConnectProxy.start("runnel", "pw").route(SQS_HOST, sqsFront.port())) {
      SdkHttp http = through(proxy.port(), "runnel:pw@");
      SqsDestination destination = queue(null);
      var credentials = SqsClients.credentials(destination, Region.EU_WEST_1, http);
      try (SqsAsyncClient client =
          SqsClients.create(SqsEndpoint.of(destination), credentials, http)) {
        assertThat(QueueLimits.maxMessageBytes(client, destination)).isPositive();
      }
      assertThat(proxy.tunnels(SQS_HOST)).isPositive();
    }
  }

  @Test
  void proxyDownIsNamedInTheError() throws IOException {
    ConnectProxy proxy = ConnectProxy.start();
    int port = proxy.port();
    proxy.close();
    Optional<CheckResult> result = check(through(port, "runnel:hunter2@"));
    assertThat(result)
        .hasValueSatisfying(
            r ->
                assertThat(r.message())
                    .startsWith(
                        "cannot reach SQS through proxy http://runnel:****@127.0.0.1:"
                            + port
                            + " (from HTTPS_PROXY): ")
                    .contains("check that the proxy at 127.0.0.1:" + port + " is up")
                    .doesNotContain("hunter2"));
  }

  @Test
  void wrongProxyPasswordIsNamedInTheError() throws IOException {
    try (ConnectProxy proxy =
        ConnectProxy.start("runnel", "right").route(SQS_HOST, sqsFront.port())) {
      Optional<CheckResult> result = check(through(proxy.port(), "runnel:wrong@"));
      assertThat(result)
          .hasValueSatisfying(
              r -> assertThat(r.message()).startsWith("cannot reach SQS through proxy"));
      assertThat(proxy.challenges()).isPositive();
      assertThat(proxy.tunnels(SQS_HOST)).isZero();
    }
  }

  @Test
  void assumedRoleIsFetchedFromStsThroughTheProxy() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start("runnel", "pw").route(STS_HOST, stsFront.port())) {
      SqsDestination destination = queue("arn:aws:iam::123456789012:role/runnel");
      var provider =
          SqsClients.credentials(
              destination, Region.EU_WEST_1, through(proxy.port(), "runnel:pw@"));
      try {
        AwsCredentials credentials = provider.resolveCredentials();
        assertThat(credentials.accessKeyId()).isEqualTo("ASIAPROXIED");
      } finally {
        ((AutoCloseable) provider).close();
      }
      assertThat(proxy.tunnels(STS_HOST)).isEqualTo(1);
      assertThat(proxy.challenges()).as("Basic sent pre-emptively").isZero();
    }
  }

  /** {@code use_task_role}: the default chain, no keys in the config. */
  private static SqsDestination taskRole() {
    return new SqsDestination(
        QUEUE_URL, "eu-west-1", null, null, true, null, null, true, "https://" + SQS_HOST, null);
  }

  /** Regression (issue 18): IRSA credentials took no proxy from HTTPS_PROXY. */
  @Test
  void webIdentityCredentialsAreFetchedFromStsThroughTheProxy() throws Exception {
    assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "environment keys come first");
    Path token = Files.writeString(directory.resolve("irsa-token"), "eyJ.irsa.token\n");
    var webIdentity = new WebIdentity("arn:aws:iam::123456789012:role/irsa", token, "runnel-pod");
    try (ConnectProxy proxy = ConnectProxy.start("runnel", "pw").route(STS_HOST, stsFront.port())) {
      var provider =
          SqsClients.credentials(
              taskRole(),
              Region.EU_WEST_1,
              through(proxy.port(), "runnel:pw@"),
              Optional.of(webIdentity));
      try {
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIAWEBIDENTITY");
      } finally {
        ((AutoCloseable) provider).close();
      }
      assertThat(proxy.tunnels(STS_HOST)).isEqualTo(1);
      assertThat(webIdentityRequests)
          .last()
          .asString()
          .contains("RoleArn=arn:aws:iam::123456789012:role/irsa")
          .contains("RoleSessionName=runnel-pod")
          .contains("WebIdentityToken=eyJ.irsa.token");
    }
  }

  @Test
  void withoutWebIdentitySettingsTheChainFallsThroughToTheProfile() throws Exception {
    assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "environment keys come first");
    Path credentialsFile =
        Files.writeString(
            directory.resolve("credentials"),
            "[runnel-it]\naws_access_key_id = AKIAFROMPROFILE\naws_secret_access_key = s\n");
    Path configFile = Files.writeString(directory.resolve("config"), "");
    Map<String, String> properties =
        Map.of(
            "aws.sharedCredentialsFile", credentialsFile.toString(),
            "aws.configFile", configFile.toString(),
            "aws.profile", "runnel-it");
    int webIdentityCalls = webIdentityRequests.size();
    try (ConnectProxy proxy = ConnectProxy.start().route(STS_HOST, stsFront.port())) {
      properties.forEach(System::setProperty);
      var provider =
          SqsClients.credentials(
              taskRole(), Region.EU_WEST_1, through(proxy.port(), ""), Optional.empty());
      try {
        assertThat(provider).isInstanceOf(ProxiedDefaultCredentials.class);
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIAFROMPROFILE");
      } finally {
        ((AutoCloseable) provider).close();
      }
      assertThat(proxy.tunnels(STS_HOST)).isZero();
      assertThat(webIdentityRequests).hasSize(webIdentityCalls);
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  /** SendMessageBatch of {@code bodies} through a proxy at {@code proxyUrl}. */
  private static BatchRequests.Result send(String proxyUrl, String... bodies) throws Exception {
    SqsEndpoint endpoint = SqsEndpoint.of(queue(null));
    AwsProxy proxy = AwsProxy.resolve(Map.of("HTTPS_PROXY", proxyUrl), new Properties());
    java.util.List<io.runnel.pipeline.OutboundMessage> batch = new java.util.ArrayList<>();
    for (String body : bodies) {
      batch.add(TestMessages.message("key-" + body, "group-" + body, body));
    }
    try (BatchRequests requests =
        new BatchRequests(
            endpoint,
            new BatchTransport(
                endpoint,
                SqsClients.credentials(queue(null)),
                ca.clientContext().getSocketFactory(),
                java.time.Duration.ofSeconds(10),
                proxy),
            new ClockSkew(java.time.Clock.systemUTC(), "proxied"),
            true)) {
      return requests.send(SqsQueue.of(QUEUE_URL, 262_144), batch).get();
    }
  }

  private static java.util.List<String> received() {
    try (var client = sqs.client()) {
      return client
          .receiveMessage(
              r -> r.queueUrl(sqs.queueUrl("orders")).maxNumberOfMessages(10).waitTimeSeconds(1))
          .messages()
          .stream()
          .map(m -> m.body())
          .toList();
    }
  }

  @Test
  void sendsGoThroughAnAuthenticatingProxy() throws Exception {
    try (ConnectProxy proxy =
        ConnectProxy.start("runnel", "p@ss").route(SQS_HOST, sqsFront.port())) {
      BatchRequests.Result result =
          send("http://runnel:p%40ss@127.0.0.1:" + proxy.port(), "{\"a\":1}", "{\"b\":2}");

      assertThat(result).isInstanceOf(BatchRequests.Answered.class);
      assertThat(((BatchRequests.Answered) result).answer().successful()).isEqualTo(2);
      assertThat(proxy.tunnels(SQS_HOST)).isPositive();
      assertThat(received()).containsExactlyInAnyOrder("{\"a\":1}", "{\"b\":2}");
    }
  }

  @Test
  void sendsGoThroughAnOpenProxy() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start().route(SQS_HOST, sqsFront.port())) {
      BatchRequests.Result result = send("http://127.0.0.1:" + proxy.port(), "{\"c\":3}");

      assertThat(result).isInstanceOf(BatchRequests.Answered.class);
      assertThat(proxy.tunnels(SQS_HOST)).isPositive();
      assertThat(received()).containsExactly("{\"c\":3}");
    }
  }

  @Test
  void aSendWithTheProxyDownNamesTheProxyMasked() throws Exception {
    ConnectProxy proxy = ConnectProxy.start();
    int port = proxy.port();
    proxy.close();
    BatchRequests.Result result = send("http://runnel:hunter2@127.0.0.1:" + port, "{}");

    assertThat(result).isInstanceOf(BatchRequests.Rejected.class);
    assertThat(((BatchRequests.Rejected) result).description())
        .startsWith(
            "SendMessageBatch to "
                + SQS_HOST
                + " through proxy http://runnel:****@127.0.0.1:"
                + port
                + " (HTTPS_PROXY) failed: ")
        .doesNotContain("hunter2");
  }

  @Test
  void aSendWithAWrongProxyPasswordSaysSo() throws Exception {
    try (ConnectProxy proxy =
        ConnectProxy.start("runnel", "right").route(SQS_HOST, sqsFront.port())) {
      BatchRequests.Result result =
          send("http://runnel:wrong@127.0.0.1:" + proxy.port(), "{\"d\":4}");

      assertThat(result).isInstanceOf(BatchRequests.Rejected.class);
      assertThat(((BatchRequests.Rejected) result).description())
          .contains("through proxy http://runnel:****@127.0.0.1:" + proxy.port())
          .contains("HTTP 407 Proxy Authentication Required")
          .doesNotContain("wrong");
      assertThat(proxy.tunnels(SQS_HOST)).isZero();
    }
  }
}

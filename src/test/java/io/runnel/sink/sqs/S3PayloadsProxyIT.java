package io.runnel.sink.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.aws.AwsProxy;
import io.runnel.aws.SdkHttp;
import io.runnel.config.LargePayloads;
import io.runnel.config.SqsDestination;
import io.runnel.testing.ConnectProxy;
import io.runnel.testing.LocalS3;
import io.runnel.testing.TestCa;
import io.runnel.testing.TlsFront;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.TlsTrustManagersProvider;

/**
 * The S3 client of large_payloads takes the route the SQS clients take (SdkHttp): through an
 * authenticating HTTP proxy, over TLS trusting the configured CAs, to an S3 whose host name only
 * the proxy knows ({@code s3.proxy-only.test}, S3Proxy behind a TLS front with a test CA).
 */
class S3PayloadsProxyIT {
  private static final String S3_HOST = "s3.proxy-only.test";
  private static final String BUCKET = "proxied";

  @TempDir static Path directory;
  private static LocalS3 s3;
  private static TlsFront front;
  private static TlsTrustManagersProvider trust;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3.start(BUCKET);
    TestCa ca = TestCa.create(directory, S3_HOST);
    front = TlsFront.start(ca.serverContext(), s3.port());
    trust = ca::trustManagers;
  }

  @AfterAll
  static void stop() throws Exception {
    front.close();
    s3.close();
  }

  private static SqsDestination destination(boolean emulator) {
    return new SqsDestination(
        "http://localhost:9324/000000000000/q",
        "eu-west-1",
        LocalS3.KEY,
        LocalS3.KEY,
        false,
        null,
        null,
        true,
        "http://localhost:9324",
        null,
        new LargePayloads(
            BUCKET, "p/", null, false, null, "https://" + S3_HOST, emulator, null, null));
  }

  @Test
  void putAndHeadBucketGoThroughTheProxy() throws Exception {
    putAndHeadThroughTheProxy(true);
  }

  private static void putAndHeadThroughTheProxy(boolean emulator) throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start("runnel", "pw").route(S3_HOST, front.port())) {
      SdkHttp http =
          new SdkHttp(
              AwsProxy.resolve(
                  Map.of("HTTPS_PROXY", "http://runnel:pw@127.0.0.1:" + proxy.port()),
                  new Properties()),
              trust);
      SqsDestination destination = destination(emulator);
      var credentials = SqsClients.credentials(destination, S3Payloads.region(destination), http);
      try (S3Payloads payloads =
          new S3Payloads(
              S3Payloads.client(destination, credentials, http),
              destination.largePayloads(),
              "s")) {
        payloads.headBucket().join();
        payloads.put("p/" + emulator, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)).join();
      }
      assertThat(new String(s3.object(BUCKET, "p/" + emulator), StandardCharsets.UTF_8))
          .isEqualTo("{\"a\":1}");
      assertThat(proxy.tunnels(S3_HOST)).isPositive();
    }
  }
}

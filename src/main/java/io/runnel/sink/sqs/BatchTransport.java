package io.runnel.sink.sqs;

import io.runnel.aws.AwsProxy;
import io.runnel.aws.ProxyEndpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/*
 * Why not java.net.http or the SDK's HTTP clients for this one request: measured side by side
 * (docs/PERFORMANCE.md, issue 18), the JDK's HttpClient cost Runnel 2.2-2.7x the CPU per delivered
 * message of these plain keep-alive connections, and the SDK's clients cost more still (issue 12).
 * So the transport stays hand-written, and matches what users rely on from the libraries: the
 * SDK's SigV4 signer and credential providers, its endpoint rules (SqsEndpoint), the proxy every
 * other AWS call uses (AwsProxy: CONNECT tunnels with Basic credentials, NO_PROXY), TLS with
 * host-name checks, a connect timeout, a whole-request deadline, idle connections closed, stale
 * ones replaced only when no byte of an answer came; retries, throttling and clock skew are
 * BatchRequests'.
 */

/**
 * Signs one SendMessageBatch POST with the AWS SDK's {@link AwsV4HttpSigner} and sends it on a
 * pooled keep-alive connection ({@link HttpPool}), directly or through the proxy. Blocking (call it
 * from a virtual thread); thread-safe.
 */
final class BatchTransport implements AutoCloseable {
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final String TARGET = "AmazonSQS.SendMessageBatch";

  private final SqsEndpoint endpoint;
  private final URI uri;
  private final AwsCredentialsProvider credentials;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final HttpPool pool;
  private final ProxyEndpoint proxy;
  private final String via;

  /** To {@code endpoint} through the process's proxy ({@link AwsProxy#system()}), if any. */
  BatchTransport(SqsEndpoint endpoint, AwsCredentialsProvider credentials) {
    this(
        endpoint,
        credentials,
        (SSLSocketFactory) SSLSocketFactory.getDefault(),
        DEFAULT_DEADLINE,
        AwsProxy.system());
  }

  /**
   * With the TLS trust of {@code tls}, a deadline per request and {@code proxy} (tests: a test CA,
   * a short deadline, a local proxy).
   */
  BatchTransport(
      SqsEndpoint endpoint,
      AwsCredentialsProvider credentials,
      SSLSocketFactory tls,
      Duration deadline,
      AwsProxy proxy) {
    this.endpoint = endpoint;
    this.uri = endpoint.uri();
    this.credentials = credentials;
    this.proxy = proxy.proxyFor(uri).orElse(null);
    this.via = this.proxy != null ? " " + proxy.describe(uri) : "";
    this.pool = new HttpPool(endpoint, tls, this.proxy, deadline, io.runnel.time.Clock.system());
  }

  /**
   * How requests travel, for error messages: {@code " through proxy http://u:****@p:3128 (…)"}, or
   * "" when they go directly.
   */
  String via() {
    return via;
  }

  /**
   * Signs {@code body} with the time of {@code clock} and sends it.
   *
   * @throws IOException when no complete answer arrived ({@link java.net.http.HttpTimeoutException}
   *     when the deadline passed)
   */
  HttpAnswer post(BatchRequestWriter.Body body, Clock clock) throws IOException {
    return pool.exchange(head(body, clock), body.array(), body.length());
  }

  private byte[] head(BatchRequestWriter.Body body, Clock clock) {
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(uri)
            .putHeader("Content-Type", CONTENT_TYPE)
            .putHeader("X-Amz-Target", TARGET)
            .putHeader("x-amzn-query-mode", "true")
            .build();
    byte[] bytes = body.array();
    int length = body.length();
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials.resolveCredentials())
                    .request(unsigned)
                    .payload(() -> new ByteArrayInputStream(bytes, 0, length))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, endpoint.region())
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
    // A plain-HTTP endpoint behind a proxy: the proxy is the peer, so the request names the
    // endpoint in full and carries the proxy's credentials.
    boolean forwarded = proxy != null && !endpoint.tls();
    StringBuilder head = new StringBuilder(640);
    head.append("POST ")
        .append(forwarded ? uri.toString() : endpoint.path())
        .append(" HTTP/1.1\r\n");
    head.append("Host: ").append(endpoint.hostHeader()).append("\r\n");
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              if (!name.toLowerCase(Locale.ROOT).equals("host")) {
                head.append(name).append(": ").append(values.get(0)).append("\r\n");
              }
            });
    if (forwarded) {
      proxy
          .basicAuthorization()
          .ifPresent(basic -> head.append("Proxy-Authorization: ").append(basic).append("\r\n"));
    }
    head.append("Content-Length: ").append(length).append("\r\n");
    head.append("User-Agent: runnel\r\n\r\n");
    return HttpConnection.ascii(head.toString());
  }

  @Override
  public void close() {
    pool.close();
  }
}

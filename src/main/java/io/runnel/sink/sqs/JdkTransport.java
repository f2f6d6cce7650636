package io.runnel.sink.sqs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/*
 * Why JDK settings matter here: a kept connection that the server (or a NAT) closed while idle
 * fails on first use before any byte of an answer arrives; the JDK client then re-sends the
 * request once on a fresh connection, but only for methods it may repeat — enableAllMethodRetry
 * (AwsProxy.prepareJdkHttpClient, set by Main before java.net.http loads) lets it repeat this POST
 * too: at-least-once delivery allows it, and no byte of an answer means SQS did not answer. When
 * the setting came too late, BatchRequests' quick retries cover the same case after a short pause.
 * Idle connections are closed after jdk.httpclient.keepalive.timeout, 30 s by default.
 */

/**
 * SendMessageBatch over the JDK's {@link HttpClient} (HTTP/1.1, keep-alive, TLS with host-name
 * checks), signed by the AWS SDK's {@link AwsV4HttpSigner} with the sink's credential provider.
 * Each request has a deadline covering connect, write and the whole answer. Thread-safe.
 */
final class JdkTransport implements BatchTransport {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private final SqsEndpoint endpoint;
  private final URI uri;
  private final AwsCredentialsProvider credentials;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final HttpClient client;
  private final Duration deadline;
  private final String via;

  /** To {@code endpoint} through the process's proxy ({@link AwsProxy#system()}), if any. */
  JdkTransport(SqsEndpoint endpoint, AwsCredentialsProvider credentials) {
    this(endpoint, credentials, defaultTls(), DEFAULT_DEADLINE, AwsProxy.system());
  }

  /**
   * With the TLS trust of {@code tls}, a deadline per request and {@code proxy} (tests: a test CA,
   * a short deadline, a local proxy).
   */
  JdkTransport(
      SqsEndpoint endpoint,
      AwsCredentialsProvider credentials,
      SSLContext tls,
      Duration deadline,
      AwsProxy proxy) {
    this.endpoint = endpoint;
    this.uri = endpoint.uri();
    this.credentials = credentials;
    this.deadline = deadline;
    this.via = proxy.proxyFor(uri).isPresent() ? " " + proxy.describe(uri) : "";
    this.client =
        proxy
            .configure(HttpClient.newBuilder())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(tls)
            .build();
  }

  @Override
  public String via() {
    return via;
  }

  @Override
  public HttpAnswer post(BatchRequestWriter.Body body, Clock clock) throws IOException {
    HttpRequest request = signed(body, clock);
    CompletableFuture<HttpResponse<byte[]>> answer =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      HttpResponse<byte[]> response = answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
      if (response.statusCode() == 407) {
        throw proxyRefused(null);
      }
      return new HttpAnswer(
          response.statusCode(),
          response.headers().firstValue("x-amzn-query-error").orElse(null),
          response.headers().firstValue("date").orElse(null),
          response.body() != null ? response.body() : new byte[0]);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new HttpTimeoutException(
          "no complete answer from "
              + endpoint.hostHeader()
              + " within "
              + deadline.toMillis()
              + " ms");
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + endpoint.hostHeader());
    } catch (ExecutionException e) {
      throw asIoException(e.getCause());
    }
  }

  private HttpRequest signed(BatchRequestWriter.Body body, Clock clock) {
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(uri)
            .putHeader("Content-Type", CONTENT_TYPE)
            .putHeader("X-Amz-Target", "AmazonSQS.SendMessageBatch")
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
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(deadline)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes, 0, length))
            .header("User-Agent", "runnel");
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              // The JDK writes Host itself, from the same URI the signature covers.
              if (!name.toLowerCase(Locale.ROOT).equals("host")) {
                request.header(name, values.get(0));
              }
            });
    return request.build();
  }

  private static IOException proxyRefused(Throwable cause) {
    return new IOException(
        "the proxy refused Runnel's credentials (HTTP 407 Proxy Authentication Required):"
            + " check the user and password in the proxy URL",
        cause);
  }

  private IOException asIoException(Throwable cause) {
    // The JDK's words when the proxy keeps answering 407 to the credentials it was given.
    if (cause instanceof IOException io
        && io.getMessage() != null
        && io.getMessage().startsWith("too many authentication attempts")) {
      return proxyRefused(io);
    }
    if (cause instanceof IOException io) {
      return io;
    }
    return new IOException("SendMessageBatch to " + endpoint.hostHeader() + " failed", cause);
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}

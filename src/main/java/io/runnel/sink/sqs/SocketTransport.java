package io.runnel.sink.sqs;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * SendMessageBatch over Runnel's own keep-alive HTTP/1.1 connections ({@link HttpPool}), signed by
 * {@link SigV4}: the transport before issue 18, kept for the side-by-side measurement ({@code
 * -Drunnel.sqs.transport=socket}). Thread-safe.
 */
final class SocketTransport implements BatchTransport {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final String TARGET = "AmazonSQS.SendMessageBatch";

  private final SqsEndpoint endpoint;
  private final AwsCredentialsProvider credentials;
  private final SigV4 signer;
  private final HttpPool pool;

  SocketTransport(SqsEndpoint endpoint, AwsCredentialsProvider credentials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.signer = new SigV4(endpoint.region(), "sqs");
    this.pool = new HttpPool(endpoint);
  }

  @Override
  public HttpAnswer post(BatchRequestWriter.Body body, Clock clock) throws IOException {
    return pool.exchange(head(body, clock), body.array(), body.length());
  }

  private byte[] head(BatchRequestWriter.Body body, Clock clock) {
    AwsCredentials identity = credentials.resolveCredentials();
    String token =
        identity instanceof AwsSessionCredentials session ? session.sessionToken() : null;
    String amzDate = AMZ_DATE.format(clock.instant());
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("content-type", CONTENT_TYPE);
    signed.put("host", endpoint.hostHeader());
    signed.put("x-amz-date", amzDate);
    if (token != null) {
      signed.put("x-amz-security-token", token);
    }
    signed.put("x-amz-target", TARGET);
    signed.put("x-amzn-query-mode", "true");
    String authorization =
        signer.authorization(
            identity.accessKeyId(),
            identity.secretAccessKey(),
            amzDate,
            endpoint.path(),
            signed,
            body.array(),
            body.length());
    StringBuilder head = new StringBuilder(512);
    head.append("POST ").append(endpoint.path()).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(endpoint.hostHeader()).append("\r\n");
    head.append("Content-Type: ").append(CONTENT_TYPE).append("\r\n");
    head.append("X-Amz-Date: ").append(amzDate).append("\r\n");
    if (token != null) {
      head.append("X-Amz-Security-Token: ").append(token).append("\r\n");
    }
    head.append("X-Amz-Target: ").append(TARGET).append("\r\n");
    head.append("x-amzn-query-mode: true\r\n");
    head.append("Authorization: ").append(authorization).append("\r\n");
    head.append("Content-Length: ").append(body.length()).append("\r\n");
    head.append("User-Agent: runnel\r\n\r\n");
    return HttpConnection.ascii(head.toString());
  }

  @Override
  public void close() {
    pool.close();
  }
}

package io.runnel.sink.sqs;

import io.runnel.pipeline.OutboundMessage;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/*
 * Why not the AWS SDK here: SendMessageBatch is Runnel's one hot request, and the SDK spent about
 * three times the CPU of everything else Runnel does per message (its interceptor chain, generic
 * marshaller, Netty pipeline and per-message checks; see docs/PERFORMANCE.md). This class sends
 * the same request — the SDK's JSON protocol, SigV4-signed with the SDK's own credential
 * providers, to the endpoint the SDK's rules resolve — over plain keep-alive HTTP/1.1 connections,
 * one virtual thread per request. Everything else (GetQueueAttributes, credentials, STS) stays
 * with the SDK.
 */

/**
 * Sends SendMessageBatch requests: writes the JSON body, signs it, sends it on a pooled connection,
 * reads the per-entry answer. Each request runs on a virtual thread of its own, so the caller never
 * blocks. Thread-safe.
 */
final class BatchRequests implements AutoCloseable {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final String TARGET = "AmazonSQS.SendMessageBatch";

  private final SqsEndpoint endpoint;
  private final AwsCredentialsProvider credentials;
  private final BatchRequestWriter writer;
  private final SigV4 signer;
  private final HttpPool pool;
  private final ExecutorService executor;

  /** What became of one request. */
  sealed interface Result {}

  /** SQS answered with per-entry results. */
  record Answered(BatchResponseReader.Answered answer) implements Result {}

  /** The whole request failed: an error answer (with its code) or no answer at all (code null). */
  record Rejected(String code, String message, String description) implements Result {}

  BatchRequests(SqsEndpoint endpoint, AwsCredentialsProvider credentials, boolean messageGrouping) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.writer = new BatchRequestWriter(messageGrouping);
    this.signer = new SigV4(endpoint.region(), "sqs");
    this.pool = new HttpPool(endpoint);
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sqs-http-", 0).factory());
  }

  /** Sends {@code batch} to {@code queue}; the future never completes exceptionally. */
  CompletableFuture<Result> send(SqsQueue queue, List<OutboundMessage> batch) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    executor.execute(() -> result.complete(call(queue, batch)));
    return result;
  }

  private Result call(SqsQueue queue, List<OutboundMessage> batch) {
    try {
      BatchRequestWriter.Body body = writer.write(queue, batch);
      HttpAnswer answer = pool.exchange(head(body), body.array(), body.length());
      if (answer.status() / 100 == 2) {
        return new Answered(BatchResponseReader.outcomes(answer.body(), batch));
      }
      BatchResponseReader.Rejection rejection = BatchResponseReader.rejection(answer);
      return new Rejected(
          rejection.code(),
          rejection.message(),
          (rejection.code() != null ? rejection.code() + ": " : "")
              + rejection.message()
              + " (HTTP "
              + answer.status()
              + ")");
    } catch (IOException | RuntimeException e) {
      return new Rejected(
          null, e.toString(), "SendMessageBatch to " + endpoint.hostHeader() + " failed: " + e);
    }
  }

  private byte[] head(BatchRequestWriter.Body body) {
    AwsCredentials identity = credentials.resolveCredentials();
    String token =
        identity instanceof AwsSessionCredentials session ? session.sessionToken() : null;
    String amzDate = AMZ_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
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
    executor.shutdown();
    pool.close();
  }
}

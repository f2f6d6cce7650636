package io.runnel.sink.sqs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Where an SDK client would send: its GetQueueAttributes request, signed, caught just before
 * transmission and never sent (no network).
 */
final class SdkRequests {
  static final AwsCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
  static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/orders";

  /** Scheme, host, port and SigV4 region of a request, or of an {@link SqsEndpoint}. */
  record Target(String scheme, String host, int port, String signingRegion) {
    static Target of(SqsEndpoint endpoint) {
      return new Target(
          endpoint.tls() ? "https" : "http", endpoint.host(), endpoint.port(), endpoint.region());
    }
  }

  private SdkRequests() {}

  /** Where {@code builder}'s client sends; fails with the SDK's error when it would not send. */
  static Target target(SqsAsyncClientBuilder builder) {
    AtomicReference<SdkHttpRequest> seen = new AtomicReference<>();
    ExecutionInterceptor capture =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            seen.set(context.httpRequest());
            throw new Caught();
          }
        };
    builder
        .overrideConfiguration(
            builder.overrideConfiguration().toBuilder().addExecutionInterceptor(capture).build())
        .httpClientBuilder(new NoHttp()); // nothing is sent, and Netty's 2 s shutdown is spared
    try (SqsAsyncClient client = builder.build()) {
      client.getQueueAttributes(r -> r.queueUrl(QUEUE)).join();
    } catch (CompletionException e) {
      if (seen.get() == null) {
        throw e;
      }
    }
    SdkHttpRequest request = seen.get();
    String credential = request.firstMatchingHeader("Authorization").orElseThrow();
    String scope = credential.substring(credential.indexOf("Credential=")).split("/")[2];
    return new Target(request.protocol(), request.host(), request.port(), scope);
  }

  /** An HTTP client that is never called. */
  private static final class NoHttp
      implements SdkAsyncHttpClient.Builder<NoHttp>, SdkAsyncHttpClient {
    @Override
    public SdkAsyncHttpClient buildWithDefaults(AttributeMap defaults) {
      return this;
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
      return CompletableFuture.failedFuture(new IllegalStateException("not sent"));
    }

    @Override
    public void close() {}
  }

  /** Stops the request once seen. */
  private static final class Caught extends RuntimeException {
    Caught() {
      super("caught before transmission", null, false, false);
    }
  }
}

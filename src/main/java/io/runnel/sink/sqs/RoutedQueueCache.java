package io.runnel.sink.sqs;

import io.runnel.config.SqsDestination;
import io.runnel.pipeline.Outcome;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The queues a routing function sends to, each checked on first use (GetQueueAttributes: it exists,
 * and its size limit) and remembered. A queue that failed for a reason a retry may fix (network,
 * throttling, credentials) is asked again next time. Thread-safe.
 */
final class RoutedQueueCache {
  /** Answers meaning the queue cannot be used at all: messages routed there are discarded. */
  private static final Set<String> UNUSABLE_CODES =
      Set.of(
          "QueueDoesNotExist",
          "AWS.SimpleQueueService.NonExistentQueue",
          "InvalidAddress",
          "InvalidParameterValue");

  private final SqsAsyncClient client;
  private final SqsDestination destination;
  private final ConcurrentHashMap<String, CompletableFuture<SqsQueue>> queues =
      new ConcurrentHashMap<>();

  RoutedQueueCache(SqsAsyncClient client, SqsDestination destination, SqsQueue configured) {
    this.client = client;
    this.destination = destination;
    if (configured != null) {
      queues.put(configured.url(), CompletableFuture.completedFuture(configured));
    }
  }

  /** The queue at {@code url}; fails with the error of its GetQueueAttributes request. */
  CompletableFuture<SqsQueue> queue(String url) {
    CompletableFuture<SqsQueue> queue =
        queues.computeIfAbsent(
            url,
            u ->
                QueueLimits.maxMessageBytes(client, u, destination)
                    .thenApply(max -> SqsQueue.of(u, max)));
    queue.whenComplete(
        (ok, error) -> {
          if (error != null) {
            queues.remove(url, queue); // asked again by the next message routed there
          }
        });
    return queue;
  }

  /** What happens to a message whose queue could not be looked up with {@code error}. */
  static Outcome outcome(String url, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String code =
        cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null
            ? aws.awsErrorDetails().errorCode()
            : null;
    String reason = "routing error: queue " + url + " cannot be used: " + cause.getMessage();
    return code != null && UNUSABLE_CODES.contains(code)
        ? Outcome.discard(reason)
        : Outcome.retry(reason);
  }
}

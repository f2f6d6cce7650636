package io.runnel.sink.sqs;

import io.runnel.config.SqsDestination;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue's maximum message size (DESIGN.md §3): the configured {@code max_message_bytes}, else the
 * queue's {@code MaximumMessageSize}, else 1 MiB on AWS and 256 KiB with an emulator (some
 * emulators, ElasticMQ among them, do not report the attribute).
 */
final class QueueLimits {
  static final int AWS_MAX_BYTES = 1024 * 1024;
  static final int EMULATOR_MAX_BYTES = 256 * 1024;

  private QueueLimits() {}

  /** Asks the queue; blocks. Fails with {@link SqsSetupException} if the queue is unreachable. */
  static int maxMessageBytes(SqsAsyncClient client, SqsDestination destination) {
    try {
      return maxMessageBytes(client, destination.queueUrl(), destination).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new SqsSetupException(
          "cannot read attributes of queue "
              + destination.queueUrl()
              + " (needs sqs:GetQueueAttributes; does the queue exist?): "
              + cause.getMessage(),
          cause);
    }
  }

  /** Asks queue {@code url} of {@code destination}'s account without blocking. */
  static CompletableFuture<Integer> maxMessageBytes(
      SqsAsyncClient client, String url, SqsDestination destination) {
    return client
        .getQueueAttributes(
            r -> r.queueUrl(url).attributeNames(QueueAttributeName.MAXIMUM_MESSAGE_SIZE))
        .thenApply(
            response -> {
              String reported = response.attributes().get(QueueAttributeName.MAXIMUM_MESSAGE_SIZE);
              if (destination.maxMessageBytes() != null) {
                return destination.maxMessageBytes();
              }
              if (reported != null) {
                return Integer.parseInt(reported);
              }
              return destination.useEmulator() ? EMULATOR_MAX_BYTES : AWS_MAX_BYTES;
            });
  }
}

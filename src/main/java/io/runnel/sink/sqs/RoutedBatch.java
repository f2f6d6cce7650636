package io.runnel.sink.sqs;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One batch whose messages go to several queues: split by queue, each part sent on its own, and the
 * outcomes put back in batch order. A batch never holds two messages of one group, so splitting it
 * keeps every group's order. Used once, by one {@link SqsSink#send} call.
 */
final class RoutedBatch {
  private final SqsSink sink;
  private final List<OutboundMessage> batch;
  private final Outcome[] outcomes;

  RoutedBatch(SqsSink sink, List<OutboundMessage> batch) {
    this.sink = sink;
    this.batch = batch;
    this.outcomes = new Outcome[batch.size()];
  }

  CompletableFuture<List<Outcome>> send() {
    Map<String, List<Integer>> byQueue = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      OutboundMessage message = batch.get(i);
      String url = message.queueUrl();
      if (url == null && sink.configuredQueue() != null) {
        url = sink.configuredQueue().url();
      }
      if (message.failure() != null) {
        outcomes[i] = Outcome.discard(message.failure());
      } else if (url == null) {
        outcomes[i] = Outcome.discard("routing error: no queue (no routing result, no queue_url)");
      } else {
        byQueue.computeIfAbsent(url, u -> new ArrayList<>()).add(i);
      }
    }
    CompletableFuture<?>[] parts =
        byQueue.entrySet().stream()
            .map(part -> sendPart(part.getKey(), part.getValue()))
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(parts).thenApply(done -> Arrays.asList(outcomes));
  }

  private CompletableFuture<Void> sendPart(String url, List<Integer> indexes) {
    List<OutboundMessage> messages = indexes.stream().map(batch::get).toList();
    return sink.routedQueues()
        .queue(url)
        .thenCompose(queue -> sink.sendWithin(queue, messages))
        .handle(
            (answered, error) -> {
              for (int k = 0; k < indexes.size(); k++) {
                outcomes[indexes.get(k)] =
                    error != null ? RoutedQueueCache.outcome(url, error) : answered.get(k);
              }
              return null;
            });
  }
}

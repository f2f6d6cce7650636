package io.runnel.sink.sqs;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.config.SqsDestination;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import io.runnel.pipeline.Sink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends batches with SendMessageBatch, one {@link Outcome} per entry. A message a routing function
 * sent elsewhere goes to its own queue (DESIGN.md §6): the batch is split by queue, each queue with
 * its own FIFO-ness, size limit and requests, and the outcomes merged back in batch order. A
 * message marked failed by a function is discarded without being sent. Thread-safe; several batches
 * may be in flight.
 */
public final class SqsSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(SqsSink.class);

  private final SqsAsyncClient client;
  private final SqsQueue configured;
  private final RoutedQueueCache routed;
  private final boolean messageGrouping;
  private final int maxBatchSize;
  private final int maxRequestBytes;
  private final RequestOutcomes requests;

  SqsSink(
      SqsAsyncClient client,
      SqsQueue configured,
      RoutedQueueCache routed,
      boolean messageGrouping,
      int maxBatchSize,
      int maxRequestBytes,
      RequestOutcomes requests) {
    this.client = client;
    this.configured = configured;
    this.routed = routed;
    this.messageGrouping = messageGrouping;
    this.maxBatchSize = maxBatchSize;
    this.maxRequestBytes = maxRequestBytes;
    this.requests = requests;
  }

  /**
   * Connects to the destination's queue and reads its size limit. Blocks.
   *
   * @param registry where each SendMessageBatch request is counted, tagged {@code sink=sinkName}
   * @throws SqsSetupException when the queue cannot be reached, naming the queue and the cause
   */
  public static SqsSink open(
      SqsDestination destination,
      int batchSize,
      boolean messageGrouping,
      String sinkName,
      MeterRegistry registry) {
    return open(destination, batchSize, messageGrouping, false, sinkName, registry);
  }

  /**
   * Like {@link #open(SqsDestination, int, boolean, String, MeterRegistry)}, for a sink whose
   * messages a routing function may send to other queues: without a configured queue nothing is
   * checked up front, and messages may be as large as SQS allows (each queue's own limit applies
   * when sending).
   */
  public static SqsSink open(
      SqsDestination destination,
      int batchSize,
      boolean messageGrouping,
      boolean routing,
      String sinkName,
      MeterRegistry registry) {
    SqsAsyncClient client = SqsClients.create(destination);
    try {
      SqsQueue configured = null;
      if (destination.queueUrl() != null) {
        int limit = QueueLimits.maxMessageBytes(client, destination);
        log.info(
            "queue={} fifo={} max_message_bytes={}",
            destination.queueUrl(),
            destination.isFifo(),
            limit);
        configured = SqsQueue.of(destination.queueUrl(), limit);
      }
      int requestBytes = configured != null ? configured.maxBytes() : QueueLimits.AWS_MAX_BYTES;
      if (routing) {
        requestBytes = Math.max(requestBytes, QueueLimits.AWS_MAX_BYTES);
      }
      return new SqsSink(
          client,
          configured,
          new RoutedQueueCache(client, destination, configured),
          messageGrouping,
          batchSize,
          requestBytes,
          new RequestOutcomes(sinkName, registry));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  @Override
  public String destination() {
    return configured == null ? null : configured.url();
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  @Override
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  @Override
  public CompletableFuture<List<Outcome>> send(List<OutboundMessage> batch) {
    boolean plain =
        configured != null
            && batch.stream().allMatch(m -> m.queueUrl() == null && m.failure() == null);
    return plain ? sendTo(configured, batch) : new RoutedBatch(this, batch).send();
  }

  /** Sends {@code messages} to {@code queue} in requests within the queue's size limit. */
  CompletableFuture<List<Outcome>> sendWithin(SqsQueue queue, List<OutboundMessage> messages) {
    List<CompletableFuture<List<Outcome>>> parts = new ArrayList<>();
    List<OutboundMessage> part = new ArrayList<>();
    int bytes = 0;
    for (OutboundMessage message : messages) {
      if (message.sizeBytes() > queue.maxBytes()) {
        parts.add(sendTo(queue, part));
        part = new ArrayList<>();
        bytes = 0;
        parts.add(
            CompletableFuture.completedFuture(
                List.of(
                    Outcome.discard(
                        "message is "
                            + message.sizeBytes()
                            + " bytes, over the limit of queue "
                            + queue.url()
                            + " ("
                            + queue.maxBytes()
                            + " bytes)"))));
        continue;
      }
      if (bytes + message.sizeBytes() > queue.maxBytes()) {
        parts.add(sendTo(queue, part));
        part = new ArrayList<>();
        bytes = 0;
      }
      part.add(message);
      bytes += message.sizeBytes();
    }
    parts.add(sendTo(queue, part));
    return parts.stream().reduce((a, b) -> a.thenCombine(b, SqsSink::concat)).orElseThrow();
  }

  RoutedQueueCache routedQueues() {
    return routed;
  }

  SqsQueue configuredQueue() {
    return configured;
  }

  private CompletableFuture<List<Outcome>> sendTo(SqsQueue queue, List<OutboundMessage> batch) {
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      entries.add(entry(queue, Integer.toString(i), batch.get(i)));
    }
    return client
        .sendMessageBatch(request -> request.queueUrl(queue.url()).entries(entries))
        .handle(
            (response, error) -> {
              if (error != null) {
                requests.failed();
                return onRequestFailed(queue, batch, unwrap(error));
              }
              requests.answered(response);
              return CompletableFuture.completedFuture(outcomes(batch.size(), response));
            })
        .thenCompose(outcomes -> outcomes);
  }

  private SendMessageBatchRequestEntry entry(SqsQueue queue, String id, OutboundMessage message) {
    var entry = SendMessageBatchRequestEntry.builder().id(id).messageBody(message.body());
    if (queue.fifo()) {
      entry.messageDeduplicationId(MessageIds.deduplicationId(message));
      entry.messageGroupId(
          messageGrouping ? MessageIds.groupId(message) : MessageIds.deduplicationId(message));
    } else if (messageGrouping && message.groupKey() != null) {
      entry.messageGroupId(MessageIds.groupId(message));
    }
    return entry.build();
  }

  /** One outcome per entry; an entry the answer does not mention is retried, never assumed sent. */
  private static List<Outcome> outcomes(int size, SendMessageBatchResponse response) {
    Map<String, String> sent = new HashMap<>();
    response.successful().forEach(s -> sent.put(s.id(), s.messageId()));
    Map<String, BatchResultErrorEntry> failed = new HashMap<>();
    response.failed().forEach(f -> failed.put(f.id(), f));
    List<Outcome> outcomes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String id = Integer.toString(i);
      BatchResultErrorEntry failure = failed.get(id);
      if (failure != null) {
        outcomes.add(
            SqsErrors.forEntry(
                failure.code(), Boolean.TRUE.equals(failure.senderFault()), failure.message()));
      } else if (sent.containsKey(id)) {
        outcomes.add(Outcome.delivered(sent.get(id)));
      } else {
        outcomes.add(Outcome.retry("SendMessageBatch answer did not mention entry " + id));
      }
    }
    return outcomes;
  }

  /**
   * Some servers reject a whole batch as too large instead of failing one entry: split it and
   * resend the halves, so only an entry too large on its own is discarded.
   */
  private CompletableFuture<List<Outcome>> onRequestFailed(
      SqsQueue queue, List<OutboundMessage> batch, Throwable error) {
    var details = error instanceof AwsServiceException aws ? aws.awsErrorDetails() : null;
    String code = details != null ? details.errorCode() : null;
    String description = code != null ? code + ": " + error.getMessage() : error.toString();
    if (SqsErrors.isRequestTooLarge(code, details != null ? details.errorMessage() : null)) {
      if (batch.size() == 1) {
        return CompletableFuture.completedFuture(List.of(Outcome.discard(description)));
      }
      int half = batch.size() / 2;
      return sendTo(queue, batch.subList(0, half))
          .thenCombine(sendTo(queue, batch.subList(half, batch.size())), SqsSink::concat);
    }
    List<Outcome> retry = new ArrayList<>(batch.size());
    batch.forEach(m -> retry.add(Outcome.retry(description)));
    return CompletableFuture.completedFuture(retry);
  }

  static List<Outcome> concat(List<Outcome> first, List<Outcome> second) {
    List<Outcome> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  @Override
  public void close() {
    client.close();
  }
}

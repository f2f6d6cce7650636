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
 * Sends batches to one SQS queue with SendMessageBatch, one {@link Outcome} per entry. Thread-safe;
 * several batches may be in flight.
 */
public final class SqsSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(SqsSink.class);

  private final SqsAsyncClient client;
  private final String queueUrl;
  private final boolean fifo;
  private final boolean messageGrouping;
  private final int maxBatchSize;
  private final int maxRequestBytes;
  private final RequestOutcomes requests;

  SqsSink(
      SqsAsyncClient client,
      String queueUrl,
      boolean messageGrouping,
      int maxBatchSize,
      int maxRequestBytes,
      RequestOutcomes requests) {
    this.client = client;
    this.queueUrl = queueUrl;
    this.fifo = queueUrl.endsWith(".fifo");
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
    SqsAsyncClient client = SqsClients.create(destination);
    try {
      int limit = QueueLimits.maxMessageBytes(client, destination);
      log.info(
          "queue={} fifo={} max_message_bytes={}",
          destination.queueUrl(),
          destination.isFifo(),
          limit);
      return new SqsSink(
          client,
          destination.queueUrl(),
          messageGrouping,
          batchSize,
          limit,
          new RequestOutcomes(sinkName, registry));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  @Override
  public String destination() {
    return queueUrl;
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
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      entries.add(entry(Integer.toString(i), batch.get(i)));
    }
    return client
        .sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries))
        .handle(
            (response, error) -> {
              if (error != null) {
                requests.failed();
                return onRequestFailed(batch, unwrap(error));
              }
              requests.answered(response);
              return CompletableFuture.completedFuture(outcomes(batch.size(), response));
            })
        .thenCompose(outcomes -> outcomes);
  }

  private SendMessageBatchRequestEntry entry(String id, OutboundMessage message) {
    var entry = SendMessageBatchRequestEntry.builder().id(id).messageBody(message.body());
    if (fifo) {
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
      List<OutboundMessage> batch, Throwable error) {
    var details = error instanceof AwsServiceException aws ? aws.awsErrorDetails() : null;
    String code = details != null ? details.errorCode() : null;
    String description = code != null ? code + ": " + error.getMessage() : error.toString();
    if (SqsErrors.isRequestTooLarge(code, details != null ? details.errorMessage() : null)) {
      if (batch.size() == 1) {
        return CompletableFuture.completedFuture(List.of(Outcome.discard(description)));
      }
      int half = batch.size() / 2;
      return send(batch.subList(0, half))
          .thenCombine(send(batch.subList(half, batch.size())), SqsSink::concat);
    }
    List<Outcome> retry = new ArrayList<>(batch.size());
    batch.forEach(m -> retry.add(Outcome.retry(description)));
    return CompletableFuture.completedFuture(retry);
  }

  private static List<Outcome> concat(List<Outcome> first, List<Outcome> second) {
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

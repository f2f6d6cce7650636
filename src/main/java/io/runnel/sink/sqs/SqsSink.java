package io.runnel.sink.sqs;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.config.SqsDestination;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import io.runnel.pipeline.Sink;
import io.runnel.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Sends batches with SendMessageBatch, one {@link Outcome} per entry. A message a routing function
 * sent elsewhere goes to its own queue (DESIGN.md §6): the batch is split by queue, each queue with
 * its own FIFO-ness, size limit and requests, and the outcomes merged back in batch order. A
 * message marked failed by a function is discarded without being sent. Requests go through {@link
 * BatchRequests}; the AWS SDK client only looks queues up. With {@code large_payloads}, a message
 * too large for its queue (or every message, with {@code always}) goes to S3 first and the queue
 * gets a pointer ({@link PayloadOffload}). Thread-safe; several batches may be in flight.
 */
public final class SqsSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(SqsSink.class);

  private final SqsAsyncClient client;
  private final BatchRequests requests;
  private final SqsQueue configured;
  private final RoutedQueueCache routed;
  private final int maxBatchSize;
  private final int maxRequestBytes;
  private final RequestOutcomes outcomes;
  private final PayloadOffload offload;

  SqsSink(
      SqsAsyncClient client,
      BatchRequests requests,
      SqsQueue configured,
      RoutedQueueCache routed,
      int maxBatchSize,
      int maxRequestBytes,
      RequestOutcomes outcomes,
      PayloadOffload offload) {
    this.offload = offload;
    this.client = client;
    this.requests = requests;
    this.configured = configured;
    this.routed = routed;
    this.maxBatchSize = maxBatchSize;
    this.maxRequestBytes = maxRequestBytes;
    this.outcomes = outcomes;
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
    SqsEndpoint endpoint = SqsEndpoint.of(destination);
    AwsCredentialsProvider credentials = SqsClients.credentials(destination);
    SqsAsyncClient client = SqsClients.create(endpoint, credentials);
    PayloadOffload offload = null;
    try {
      SqsQueue configured = null;
      if (destination.queueUrl() != null) {
        int limit = QueueLimits.maxMessageBytes(client, destination);
        log.info(
            "queue={} endpoint={} fifo={} max_message_bytes={}",
            destination.queueUrl(),
            endpoint.hostHeader(),
            destination.isFifo(),
            limit);
        configured = SqsQueue.of(destination.queueUrl(), limit);
      }
      int requestBytes = configured != null ? configured.maxBytes() : QueueLimits.AWS_MAX_BYTES;
      if (routing) {
        requestBytes = Math.max(requestBytes, QueueLimits.AWS_MAX_BYTES);
      }
      if (destination.largePayloads() != null) {
        offload =
            new PayloadOffload(
                S3Payloads.open(destination, credentials, sinkName),
                destination.largePayloads(),
                sinkName,
                registry);
        log.info(
            "sink={} large_payloads bucket={} prefix={} always={}",
            sinkName,
            destination.largePayloads().bucket(),
            destination.largePayloads().keyPrefix(),
            destination.largePayloads().always());
      }
      return new SqsSink(
          client,
          new BatchRequests(
              endpoint,
              new BatchTransport(endpoint, credentials),
              new ClockSkew(Clock.system().withZone(ZoneOffset.UTC), sinkName),
              messageGrouping),
          configured,
          new RoutedQueueCache(client, destination, configured),
          batchSize,
          requestBytes,
          new RequestOutcomes(sinkName, registry),
          offload);
    } catch (RuntimeException e) {
      if (offload != null) {
        offload.close();
      }
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
    return plain ? sendWithin(configured, batch) : new RoutedBatch(this, batch).send();
  }

  /**
   * Sends {@code messages} to {@code queue}: with {@code large_payloads}, the bodies that need it
   * go to S3 first and their pointers are sent in their place.
   */
  CompletableFuture<List<Outcome>> sendWithin(SqsQueue queue, List<OutboundMessage> messages) {
    if (offload == null || !offload.anyNeeded(messages, queue)) {
      return sendInline(queue, messages, Map.of());
    }
    return offload
        .prepare(queue, messages)
        .thenCompose(
            prepared ->
                sendInline(queue, prepared.toSend(), prepared.extendedSizes())
                    .thenApply(prepared::merge));
  }

  /**
   * Sends {@code messages} to {@code queue} in requests within the queue's size limit. The one
   * place where a message over that limit is discarded.
   */
  private CompletableFuture<List<Outcome>> sendInline(
      SqsQueue queue, List<OutboundMessage> messages, Map<OutboundMessage, Long> extendedSizes) {
    List<CompletableFuture<List<Outcome>>> parts = new ArrayList<>();
    List<OutboundMessage> part = new ArrayList<>();
    int bytes = 0;
    for (OutboundMessage message : messages) {
      if (message.sizeBytes() > queue.maxBytes()) {
        parts.add(sendTo(queue, part, extendedSizes));
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
        parts.add(sendTo(queue, part, extendedSizes));
        part = new ArrayList<>();
        bytes = 0;
      }
      part.add(message);
      bytes += message.sizeBytes();
    }
    parts.add(sendTo(queue, part, extendedSizes));
    return parts.stream().reduce((a, b) -> a.thenCombine(b, SqsSink::concat)).orElseThrow();
  }

  RoutedQueueCache routedQueues() {
    return routed;
  }

  SqsQueue configuredQueue() {
    return configured;
  }

  private CompletableFuture<List<Outcome>> sendTo(
      SqsQueue queue, List<OutboundMessage> batch, Map<OutboundMessage, Long> extendedSizes) {
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return requests
        .send(queue, batch, extendedSizes)
        .thenCompose(
            result ->
                switch (result) {
                  case BatchRequests.Answered answered -> {
                    outcomes.answered(answered.answer().successful(), answered.answer().failed());
                    yield CompletableFuture.completedFuture(answered.answer().outcomes());
                  }
                  case BatchRequests.Rejected rejected -> {
                    outcomes.failed();
                    yield onRequestFailed(queue, batch, extendedSizes, rejected);
                  }
                });
  }

  /**
   * Some servers reject a whole batch for one entry (too large, characters SQS refuses) instead of
   * failing that entry: split it and resend the halves (a batch holds one message per group, so
   * they may go at once), so only the entry at fault is discarded and the others are delivered. Any
   * other rejection retries every entry.
   */
  private CompletableFuture<List<Outcome>> onRequestFailed(
      SqsQueue queue,
      List<OutboundMessage> batch,
      Map<OutboundMessage, Long> extendedSizes,
      BatchRequests.Rejected rejected) {
    if (SqsErrors.splitsBatch(rejected.code(), rejected.message())) {
      if (batch.size() == 1) {
        return CompletableFuture.completedFuture(List.of(Outcome.discard(rejected.description())));
      }
      int half = batch.size() / 2;
      return sendTo(queue, batch.subList(0, half), extendedSizes)
          .thenCombine(
              sendTo(queue, batch.subList(half, batch.size()), extendedSizes), SqsSink::concat);
    }
    Outcome outcome =
        rejected.throttled()
            ? Outcome.throttled(rejected.description())
            : Outcome.retry(rejected.description());
    List<Outcome> retry = new ArrayList<>(batch.size());
    batch.forEach(m -> retry.add(outcome));
    return CompletableFuture.completedFuture(retry);
  }

  static List<Outcome> concat(List<Outcome> first, List<Outcome> second) {
    List<Outcome> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  @Override
  public void close() {
    requests.close();
    if (offload != null) {
      offload.close();
    }
    client.close();
  }
}

package io.runnel.sink.sqs;

import io.runnel.pipeline.OutboundMessage;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/*
 * Design: what is retried where.
 *
 * A request can fail as a whole in four ways, and each has its own cure:
 *  - a stale kept connection (no byte of an answer): re-sent at once on a fresh connection
 *    (HttpPool);
 *  - a signature refused because this host's clock is off: re-signed with the server's time and
 *    sent again at once (ClockSkew), once;
 *  - a server fault (5xx other than 503) or a broken connection: up to QUICK_RETRIES more tries
 *    after a short jittered pause, as the AWS SDK does, since these are mostly one-off;
 *  - throttling (429, 503, throttling codes): no quick retry; every entry goes back to the
 *    dispatcher as throttled, which shrinks the sink's requests in flight and backs the messages
 *    off with jitter.
 * A request that ran out of time (no complete answer within the deadline) is not retried here: a
 * stalled server is not helped by more requests. Everything that is still failing becomes a retry
 * of each entry at the message level, where per-row order and the ack rule are kept.
 */

/**
 * Sends SendMessageBatch requests: writes the JSON body, signs and sends it ({@link
 * BatchTransport}), reads the per-entry answer, and retries what is worth retrying at once (see the
 * design note). Each request runs on a virtual thread of its own, so the caller never blocks.
 * Thread-safe.
 */
final class BatchRequests implements AutoCloseable {
  static final int QUICK_RETRIES = 2;
  private static final long QUICK_RETRY_BASE_MILLIS = 50;

  private final SqsEndpoint endpoint;
  private final BatchTransport transport;
  private final ClockSkew clock;
  private final BatchRequestWriter writer;
  private final ExecutorService executor;

  /** What became of one request. */
  sealed interface Result {}

  /** SQS answered with per-entry results. */
  record Answered(BatchResponseReader.Answered answer) implements Result {}

  /**
   * The whole request failed: an error answer (with its code) or no answer at all (code null).
   *
   * @param throttled SQS asked to slow down
   */
  record Rejected(String code, String message, String description, boolean throttled)
      implements Result {}

  BatchRequests(
      SqsEndpoint endpoint, BatchTransport transport, ClockSkew clock, boolean messageGrouping) {
    this.endpoint = endpoint;
    this.transport = transport;
    this.clock = clock;
    this.writer = new BatchRequestWriter(messageGrouping);
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sqs-http-", 0).factory());
  }

  /** Sends {@code batch} to {@code queue}; the future never completes exceptionally. */
  CompletableFuture<Result> send(SqsQueue queue, List<OutboundMessage> batch) {
    return send(queue, batch, Map.of());
  }

  /**
   * Like {@link #send(SqsQueue, List)}, for a batch whose offloaded messages (by identity) carry
   * the {@code ExtendedPayloadSize} attributes {@code extendedSizes}.
   */
  CompletableFuture<Result> send(
      SqsQueue queue, List<OutboundMessage> batch, Map<OutboundMessage, Long> extendedSizes) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            result.complete(call(queue, batch, extendedSizes));
          } catch (RuntimeException | Error e) {
            // A bug here must not leave the batch in flight forever: its entries are retried.
            result.complete(
                new Rejected(null, e.toString(), "SendMessageBatch failed in Runnel: " + e, false));
            throw e;
          }
        });
    return result;
  }

  private Result call(
      SqsQueue queue, List<OutboundMessage> batch, Map<OutboundMessage, Long> extendedSizes) {
    BatchRequestWriter.Body body;
    try {
      body = writer.write(queue, batch, extendedSizes);
    } catch (RuntimeException e) {
      return new Rejected(null, e.toString(), "writing SendMessageBatch failed: " + e, false);
    }
    boolean resigned = false;
    for (int quickRetries = 0; ; ) {
      Attempt attempt = attempt(body, batch, extendedSizes);
      if (attempt.resign() && !resigned) {
        resigned = true;
      } else if (attempt.quickRetry() && quickRetries < QUICK_RETRIES) {
        quickRetries++;
        if (!pause(quickRetries)) {
          return attempt.result();
        }
      } else {
        return attempt.result();
      }
    }
  }

  /** One try's result, and whether to try again at once (re-signed) or after a short pause. */
  private record Attempt(Result result, boolean resign, boolean quickRetry) {}

  private Attempt attempt(
      BatchRequestWriter.Body body,
      List<OutboundMessage> batch,
      Map<OutboundMessage, Long> extendedSizes) {
    HttpAnswer answer;
    try {
      answer = transport.post(body, clock.signingClock());
    } catch (HttpTimeoutException e) {
      return new Attempt(noAnswer(e), false, false);
    } catch (IOException | RuntimeException e) {
      return new Attempt(noAnswer(e), false, !Thread.currentThread().isInterrupted());
    }
    try {
      if (answer.status() / 100 == 2) {
        return new Attempt(
            new Answered(BatchResponseReader.outcomes(answer.body(), batch, extendedSizes)),
            false,
            false);
      }
    } catch (IOException e) {
      return new Attempt(noAnswer(e), false, false);
    }
    BatchResponseReader.Rejection rejection = BatchResponseReader.rejection(answer);
    String code = rejection.code();
    Rejected rejected =
        new Rejected(
            code,
            rejection.message(),
            (code != null ? code + ": " : "")
                + rejection.message()
                + " (HTTP "
                + answer.status()
                + ")",
            SqsErrors.isThrottling(code, answer.status()));
    return new Attempt(
        rejected,
        clock.correct(code, answer.date()),
        SqsErrors.isServerFault(code, answer.status()));
  }

  private Rejected noAnswer(Exception e) {
    return new Rejected(
        null,
        e.toString(),
        "SendMessageBatch to " + endpoint.hostHeader() + transport.via() + " failed: " + e,
        false);
  }

  /** Waits 50 ms × 2^(n−1), jittered to 50–100 % of that; false when interrupted. */
  private static boolean pause(int quickRetry) {
    long ceiling = QUICK_RETRY_BASE_MILLIS << (quickRetry - 1);
    long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    transport.close();
  }
}

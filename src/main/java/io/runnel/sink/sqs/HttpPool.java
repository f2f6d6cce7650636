package io.runnel.sink.sqs;

import io.runnel.aws.ProxyEndpoint;
import io.runnel.time.Clock;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocketFactory;

/**
 * Keep-alive connections to one SQS endpoint, opened on demand (through the proxy when one
 * applies): one per request in flight, kept for the next, closed once idle for {@link
 * #IDLE_TIMEOUT}. Each exchange has a deadline covering connect, write and the whole answer.
 * Thread-safe; {@link #exchange} blocks (call it from a virtual thread).
 */
final class HttpPool implements AutoCloseable {
  /** Kept connections idle this long are closed: before servers and NATs drop them unseen. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);

  /** Idle connections kept beyond this are closed (requests in flight never exceed it by much). */
  private static final int MAX_IDLE = 512;

  /** Watches every pool's deadlines; a cancelled watch leaves at once, not when it would fire. */
  private static final ScheduledExecutorService DEADLINES = deadlineScheduler();

  private final SqsEndpoint endpoint;
  private final SSLSocketFactory tls;
  private final ProxyEndpoint proxy;
  private final Duration deadline;
  private final Clock clock;
  private final ConcurrentLinkedDeque<Kept> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  /** An idle connection and when it went idle. */
  private record Kept(HttpConnection connection, long sinceNanos) {}

  /**
   * @param proxy the proxy to tunnel through, or null for direct connections
   * @param clock what idle times are measured with
   */
  HttpPool(
      SqsEndpoint endpoint,
      SSLSocketFactory tls,
      ProxyEndpoint proxy,
      Duration deadline,
      Clock clock) {
    this.endpoint = endpoint;
    this.tls = tls;
    this.proxy = proxy;
    this.deadline = deadline;
    this.clock = clock;
  }

  /**
   * Sends one request and reads its answer within the deadline. A kept connection that the server
   * closed meanwhile fails before any byte of an answer arrives; the request is then sent once more
   * on a new connection at once (SQS did not answer it; were it taken, at-least-once delivery
   * allows the second copy). A failure after part of an answer, or a timeout, is the caller's to
   * retry.
   *
   * @throws HttpTimeoutException when no complete answer arrived within the deadline
   */
  HttpAnswer exchange(byte[] head, byte[] body, int bodyLength) throws IOException {
    long start = clock.nanoTime();
    HttpConnection connection = keptConnection(clock.nanoTime());
    if (connection != null) {
      try {
        return answerAndKeep(connection, head, body, bodyLength, start);
      } catch (HttpTimeoutException | SocketTimeoutException timeout) {
        throw timeout;
      } catch (IOException stale) {
        if (connection.answerStarted()) {
          throw stale;
        }
      }
    }
    return answerAndKeep(open(), head, body, bodyLength, start);
  }

  /** The most recently used idle connection, closing those idle too long. */
  private HttpConnection keptConnection(long now) {
    for (Kept kept = idle.pollFirst(); kept != null; kept = idle.pollFirst()) {
      if (now - kept.sinceNanos() < IDLE_TIMEOUT.toNanos()) {
        closeExpired(now);
        return kept.connection();
      }
      kept.connection().close();
    }
    return null;
  }

  /** Closes connections at the cold end of the deque that have been idle too long. */
  private void closeExpired(long now) {
    for (Kept oldest = idle.peekLast();
        oldest != null && now - oldest.sinceNanos() >= IDLE_TIMEOUT.toNanos();
        oldest = idle.peekLast()) {
      if (idle.removeLastOccurrence(oldest)) {
        oldest.connection().close();
      }
    }
  }

  /** Idle connections kept now (tests). */
  int idleConnections() {
    return idle.size();
  }

  private HttpConnection open() throws IOException {
    if (closed) {
      throw new IOException("SQS connection pool closed");
    }
    return HttpConnection.open(endpoint, tls, proxy, Math.toIntExact(deadline.toMillis()));
  }

  private HttpAnswer answerAndKeep(
      HttpConnection connection, byte[] head, byte[] body, int bodyLength, long start)
      throws IOException {
    long left = deadline.toNanos() - (clock.nanoTime() - start);
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> watchdog =
        DEADLINES.schedule(
            () -> {
              late.set(true);
              connection.close();
            },
            Math.max(0, left),
            TimeUnit.NANOSECONDS);
    HttpAnswer answer;
    try {
      answer = connection.exchange(head, body, bodyLength);
    } catch (IOException | RuntimeException e) {
      connection.close();
      if (late.get() || e instanceof SocketTimeoutException) {
        throw new HttpTimeoutException(
            "no complete answer from "
                + endpoint.hostHeader()
                + " within "
                + deadline.toMillis()
                + " ms");
      }
      throw e;
    } finally {
      watchdog.cancel(false);
    }
    if (connection.reusable() && !late.get() && !closed && idle.size() < MAX_IDLE) {
      idle.addFirst(new Kept(connection, clock.nanoTime()));
    } else {
      connection.close();
    }
    return answer;
  }

  private static ScheduledExecutorService deadlineScheduler() {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("sqs-deadline").daemon().factory());
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }

  @Override
  public void close() {
    closed = true;
    for (Kept kept = idle.pollFirst(); kept != null; kept = idle.pollFirst()) {
      kept.connection().close();
    }
  }
}

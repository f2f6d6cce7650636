package io.runnel.sink.sqs;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLSocketFactory;

/**
 * Keep-alive connections to one SQS endpoint, opened on demand: one per request in flight, kept for
 * the next. Thread-safe; {@link #exchange} blocks (call it from a virtual thread).
 */
final class HttpPool implements AutoCloseable {
  /** Idle connections kept beyond this are closed (requests in flight never exceed it by much). */
  private static final int MAX_IDLE = 512;

  private final SqsEndpoint endpoint;
  private final SSLSocketFactory tls;
  private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  HttpPool(SqsEndpoint endpoint) {
    this(endpoint, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /** A pool whose TLS connections trust what {@code tls} trusts (tests: a self-signed server). */
  HttpPool(SqsEndpoint endpoint, SSLSocketFactory tls) {
    this.endpoint = endpoint;
    this.tls = tls;
  }

  /**
   * Sends one request and reads its answer. A kept connection the server has closed meanwhile fails
   * on first use; the request is then sent once more on a new connection (a request the server took
   * before the failure is sent twice, which at-least-once delivery allows).
   */
  HttpAnswer exchange(byte[] head, byte[] body, int bodyLength) throws IOException {
    HttpConnection connection = idle.pollFirst();
    if (connection != null) {
      try {
        return answerAndKeep(connection, head, body, bodyLength);
      } catch (IOException stale) {
        connection.close();
      }
    }
    return answerAndKeep(open(), head, body, bodyLength);
  }

  private HttpConnection open() throws IOException {
    if (closed) {
      throw new IOException("SQS connection pool closed");
    }
    return HttpConnection.open(endpoint, tls);
  }

  private HttpAnswer answerAndKeep(
      HttpConnection connection, byte[] head, byte[] body, int bodyLength) throws IOException {
    HttpAnswer answer;
    try {
      answer = connection.exchange(head, body, bodyLength);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    if (connection.reusable() && !closed && idle.size() < MAX_IDLE) {
      idle.addFirst(connection);
    } else {
      connection.close();
    }
    return answer;
  }

  @Override
  public void close() {
    closed = true;
    for (HttpConnection connection = idle.pollFirst();
        connection != null;
        connection = idle.pollFirst()) {
      connection.close();
    }
  }
}

package io.runnel.pipeline;

import java.time.Duration;

/**
 * Where the fan-out hands one sink's messages: the sink's delivery engine, seen from the
 * replication reader thread. Its buffer is bounded, so {@link #offer} may refuse.
 */
public interface SinkInbox {
  String sinkName();

  /**
   * Hands a message to this sink, waiting up to {@code timeout} for buffer space; on success the
   * message's transaction is retained until the message settles.
   *
   * @return false when the buffer stayed full; the caller keeps the message and tries again
   */
  boolean offer(OutboundMessage message, Duration timeout) throws InterruptedException;

  /**
   * The buffer stayed full for a while: make room by parking what only waits (for a retry, or while
   * paused). Safe from any thread.
   */
  void relieveMemory();

  /**
   * Sends what is buffered and waits for the answers, up to {@code timeout}; whatever is still
   * unsent stays unacknowledged and is read again after a restart.
   */
  void stop(Duration timeout) throws InterruptedException;
}

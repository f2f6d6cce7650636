package io.runnel.delivery;

import io.runnel.pipeline.OutboundMessage;
import io.runnel.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory bound of one sink: how many unsettled messages, and how many body bytes, it may hold.
 * Acquired by the replication reader when it hands a message over, released when the message is
 * settled. Thread-safe.
 */
final class BufferPermits {
  private final Semaphore messages;
  private final Semaphore bytes;
  private final int maxBytes;
  private final Clock clock;

  BufferPermits(int maxMessages, int maxBytes, Clock clock) {
    this.clock = clock;
    this.messages = new Semaphore(maxMessages);
    this.bytes = new Semaphore(maxBytes);
    this.maxBytes = maxBytes;
  }

  /** Takes room for {@code message}, waiting up to {@code timeout}; false when none came free. */
  boolean tryAcquire(OutboundMessage message, Duration timeout) throws InterruptedException {
    long deadline = clock.nanoTime() + timeout.toNanos();
    if (!messages.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    if (!bytes.tryAcquire(held(message), deadline - clock.nanoTime(), TimeUnit.NANOSECONDS)) {
      messages.release();
      return false;
    }
    return true;
  }

  void release(OutboundMessage message) {
    bytes.release(held(message));
    messages.release();
  }

  /** A message bigger than the whole byte bound holds all of it, rather than never fitting. */
  private int held(OutboundMessage message) {
    return Math.min(message.sizeBytes(), maxBytes);
  }
}

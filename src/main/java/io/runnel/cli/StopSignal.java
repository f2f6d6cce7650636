package io.runnel.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request to stop cleanly, so the command can finish in-flight
 * batches, acknowledge, and exit 0 (a JVM killed by the signal would exit 143).
 */
final class StopSignal {
  private final CountDownLatch stop = new CountDownLatch(1);

  static StopSignal install() {
    StopSignal signal = new StopSignal();
    Signal.handle(new Signal("TERM"), s -> signal.stop.countDown());
    Signal.handle(new Signal("INT"), s -> signal.stop.countDown());
    return signal;
  }

  void await() throws InterruptedException {
    stop.await();
  }

  /** Waits for a signal or until {@code seconds} have passed. */
  void await(int seconds) throws InterruptedException {
    stop.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
  }
}

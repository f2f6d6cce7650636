package io.runnel.sink.sqs;

/**
 * One queue a sink sends to, with what sending needs. Immutable.
 *
 * @param fifo whether the name ends in {@code .fifo}: FIFO-ness is decided per queue
 * @param maxBytes the most body bytes per message and per request
 */
record SqsQueue(String url, boolean fifo, int maxBytes) {
  static SqsQueue of(String url, int maxBytes) {
    return new SqsQueue(url, url.endsWith(".fifo"), maxBytes);
  }
}

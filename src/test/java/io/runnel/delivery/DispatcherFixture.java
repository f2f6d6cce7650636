package io.runnel.delivery;

import io.runnel.pipeline.Outcome;
import io.runnel.time.FakeClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the Dispatcher and Parking tests share: a dispatcher on a fake clock whose backoff jitter
 * sits at its midpoint (delays exactly 1 s × 2^(n−1)), settling into a {@link RecordingListener}.
 */
abstract class DispatcherFixture {
  final FakeClock clock = new FakeClock();
  final RecordingListener listener = new RecordingListener();

  /** How long a group's head may fail before the group parks; never, unless a test sets it. */
  long parkAfterNanos = Long.MAX_VALUE;

  Dispatcher dispatcher(int batchSize, int maxBytes, int maxInFlight, Integer maxRetries) {
    return dispatcher(batchSize, maxBytes, InFlightLimit.fixed(maxInFlight, clock), maxRetries);
  }

  Dispatcher dispatcher(int batchSize, int maxBytes, InFlightLimit limit, Integer maxRetries) {
    return new Dispatcher(
        batchSize,
        maxBytes,
        limit,
        maxRetries,
        parkAfterNanos,
        new Backoff(() -> 0.5),
        clock,
        listener);
  }

  static List<String> keys(List<Delivery> batch) {
    return batch.stream().map(d -> d.message.idempotencyKey()).toList();
  }

  static List<Outcome> all(int n, Outcome outcome) {
    return new ArrayList<>(Collections.nCopies(n, outcome));
  }
}

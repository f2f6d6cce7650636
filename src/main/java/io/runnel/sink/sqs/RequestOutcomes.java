package io.runnel.sink.sqs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts SendMessageBatch requests by outcome as {@code runnel_sqs_requests_total{sink,outcome}}:
 * {@code ok} (every entry accepted), {@code partial} (some entries failed) or {@code failed} (the
 * request failed, or every entry did). Thread-safe.
 */
final class RequestOutcomes {
  private final Counter ok;
  private final Counter partial;
  private final Counter failed;

  RequestOutcomes(String sinkName, MeterRegistry registry) {
    this.ok = counter(sinkName, "ok", registry);
    this.partial = counter(sinkName, "partial", registry);
    this.failed = counter(sinkName, "failed", registry);
  }

  private static Counter counter(String sinkName, String outcome, MeterRegistry registry) {
    return Counter.builder("runnel.sqs.requests")
        .description("SendMessageBatch requests by outcome")
        .tag("sink", sinkName)
        .tag("outcome", outcome)
        .register(registry);
  }

  void answered(int successfulEntries, int failedEntries) {
    if (failedEntries == 0) {
      ok.increment();
    } else if (successfulEntries == 0) {
      failed.increment();
    } else {
      partial.increment();
    }
  }

  void failed() {
    failed.increment();
  }
}

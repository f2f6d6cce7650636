package io.runnel.delivery;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.runnel.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of one sink, for /health, the API, logs and /metrics: each counter is also registered in
 * the {@link MeterRegistry} given, tagged {@code sink}. Thread-safe.
 */
public final class SinkStats {
  /** Delivery latency buckets: from a fast local round trip to a minute of backoff. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong discarded = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicReference<LastError> lastError = new AtomicReference<>();
  private final Timer latency;
  private final Clock clock;
  private volatile int buffered;
  private volatile int inFlight;
  private volatile int backingOff;
  private volatile int parkedGroups;
  private volatile int requestsInFlight;
  private volatile int requestsInFlightLimit;
  private volatile Instant failingSince;
  private volatile Instant oldestUndelivered;

  /** The most recent failure, with when it happened. */
  public record LastError(String message, Instant at) {}

  public SinkStats(String sinkName, MeterRegistry registry, Clock clock) {
    this.clock = clock;
    FunctionCounter.builder("runnel.messages.delivered", delivered, AtomicLong::get)
        .description("Messages the sink accepted")
        .tag("sink", sinkName)
        .register(registry);
    FunctionCounter.builder("runnel.messages.failed", failedAttempts, AtomicLong::get)
        .description("Failed delivery attempts (each retry counts)")
        .tag("sink", sinkName)
        .register(registry);
    FunctionCounter.builder("runnel.messages.discarded", discarded, AtomicLong::get)
        .description("Messages given up on and recorded as discarded")
        .tag("sink", sinkName)
        .register(registry);
    Gauge.builder("runnel.messages.buffered", this, SinkStats::buffered)
        .description("Messages accepted from the source and not yet settled")
        .tag("sink", sinkName)
        .register(registry);
    Gauge.builder("runnel.requests.in.flight", this, s -> s.requestsInFlight)
        .description("SendMessageBatch requests sent and not yet answered")
        .tag("sink", sinkName)
        .register(registry);
    Gauge.builder("runnel.requests.in.flight.limit", this, s -> s.requestsInFlightLimit)
        .description("How many requests may be in flight now (adapts to the round trip)")
        .tag("sink", sinkName)
        .register(registry);
    Gauge.builder("runnel.oldest.undelivered.age", this, SinkStats::oldestUndeliveredAgeSeconds)
        .description("Age since commit of the oldest message not yet delivered (0 when none)")
        .baseUnit("seconds")
        .tag("sink", sinkName)
        .register(registry);
    this.latency =
        Timer.builder("runnel.delivery.latency")
            .description("From the transaction's commit to the sink's acknowledgement")
            .tag("sink", sinkName)
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
  }

  /**
   * @param commitTimestamp when the message's transaction committed; a commit that seems later than
   *     now (clock skew between the database and this host) counts as zero latency
   */
  void recordDelivered(Instant commitTimestamp) {
    delivered.incrementAndGet();
    if (commitTimestamp != null) {
      Duration sinceCommit = Duration.between(commitTimestamp, clock.instant());
      latency.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
    }
  }

  void recordDiscarded(String reason) {
    discarded.incrementAndGet();
    lastError.set(new LastError(reason, clock.instant()));
  }

  void recordFailedAttempt(String error) {
    failedAttempts.incrementAndGet();
    lastError.set(new LastError(error, clock.instant()));
  }

  void recordQueue(int buffered, int inFlight, int backingOff, int parkedGroups) {
    this.buffered = buffered;
    this.inFlight = inFlight;
    this.backingOff = backingOff;
    this.parkedGroups = parkedGroups;
  }

  void recordRequests(int inFlight, int limit) {
    this.requestsInFlight = inFlight;
    this.requestsInFlightLimit = limit;
  }

  /** Deliveries started failing (null: they succeed again). */
  void recordFailingSince(Instant since) {
    this.failingSince = since;
  }

  /** When the oldest message not yet delivered (in memory or parked) committed; null: none. */
  void recordOldestUndelivered(Instant committedAt) {
    this.oldestUndelivered = committedAt;
  }

  /** Seconds since the oldest undelivered message committed; 0 when every message is delivered. */
  public double oldestUndeliveredAgeSeconds() {
    Instant oldest = oldestUndelivered;
    return oldest == null
        ? 0
        : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
  }

  /** Groups whose messages wait in the state store after failing too long. */
  public int parkedGroups() {
    return parkedGroups;
  }

  /** Since when deliveries keep failing; null while they succeed. */
  public Instant failingSince() {
    return failingSince;
  }

  public long delivered() {
    return delivered.get();
  }

  public long discarded() {
    return discarded.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** Messages accepted from the source and not yet settled. */
  public int buffered() {
    return buffered;
  }

  /** Messages in requests the sink has not answered yet. */
  public int inFlight() {
    return inFlight;
  }

  public int backingOff() {
    return backingOff;
  }

  /** Null when nothing has failed yet. */
  public LastError lastError() {
    return lastError.get();
  }
}

package io.runnel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runnel.time.FakeClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sink's ages and latencies, read from the injected clock. */
class SinkStatsTest {
  private final FakeClock clock = new FakeClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SinkStats stats = new SinkStats("s", registry, clock);

  @Test
  void deliveryLatencyRunsFromTheCommitToTheClocksNow() {
    stats.recordDelivered(clock.instant().minusMillis(2500));

    Timer latency = registry.get("runnel.delivery.latency").tag("sink", "s").timer();
    assertThat(latency.max(TimeUnit.MILLISECONDS)).isEqualTo(2500);
  }

  /** The database's clock ahead of this host's must not give a negative latency. */
  @Test
  void aCommitLaterThanNowCountsAsZeroLatency() {
    stats.recordDelivered(clock.instant().plusSeconds(5));

    Timer latency = registry.get("runnel.delivery.latency").tag("sink", "s").timer();
    assertThat(latency.count()).isEqualTo(1);
    assertThat(latency.max(TimeUnit.MILLISECONDS)).isZero();
  }

  @Test
  void theOldestUndeliveredMessageAgesWithTheClock() {
    stats.recordOldestUndelivered(clock.instant());
    assertThat(stats.oldestUndeliveredAgeSeconds()).isZero();

    clock.advance(Duration.ofSeconds(90));

    assertThat(stats.oldestUndeliveredAgeSeconds()).isEqualTo(90.0);
    stats.recordOldestUndelivered(null);
    assertThat(stats.oldestUndeliveredAgeSeconds()).as("all delivered").isZero();
  }

  @Test
  void theLastErrorCarriesTheClocksTime() {
    clock.advance(Duration.ofMinutes(3));

    stats.recordFailedAttempt("ServiceUnavailable");

    assertThat(stats.lastError())
        .isEqualTo(new SinkStats.LastError("ServiceUnavailable", clock.instant()));
    assertThat(stats.failedAttempts()).isEqualTo(1);
  }
}

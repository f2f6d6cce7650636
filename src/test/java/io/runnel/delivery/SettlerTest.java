package io.runnel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.state.StateStore;
import io.runnel.state.StoredMessage;
import io.runnel.time.FakeClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sink's "deliveries failing" state: set by a retry, cleared when a retried message settles.
 */
class SettlerTest {
  private final FakeClock clock = new FakeClock();
  private final SinkStats stats = new SinkStats("s", new SimpleMeterRegistry(), clock);
  private final List<StoredMessage> recorded = new ArrayList<>();
  private final BufferPermits permits = new BufferPermits(100, 1 << 20, clock);
  private final Settler settler =
      new Settler(
          "s",
          "queue",
          stats,
          new StoreWriter("s", recordingStore(), () -> false, error -> {}),
          permits,
          group -> {},
          clock);

  @Test
  void aRetriedMessageDiscardedEndsTheFailure() throws InterruptedException {
    Delivery delivery = failedTwice("k1");
    assertThat(stats.failingSince()).as("failing after a retry").isNotNull();

    settler.discarded(delivery, "gave up after max_retry_count");

    assertThat(stats.failingSince()).as("no message is failing any more").isNull();
    assertThat(recorded).extracting(StoredMessage::idempotencyKey).containsExactly("k1");
  }

  @Test
  void aRetriedMessageDeliveredEndsTheFailure() throws InterruptedException {
    Delivery delivery = failedTwice("k1");

    settler.delivered(delivery);

    assertThat(stats.failingSince()).isNull();
  }

  @Test
  void aFirstTimeDiscardLeavesAnotherMessagesFailureStanding() throws InterruptedException {
    failedTwice("k1");
    Delivery oversized = acquired("k2");
    oversized.attempts = 1;

    settler.discarded(oversized, "message is too large");

    assertThat(stats.failingSince()).as("k1 is still failing").isNotNull();
  }

  @Test
  void failingSinceIsWhenTheFirstRetryWasDecidedNotTheLatest() throws InterruptedException {
    clock.advance(Duration.ofSeconds(5));
    Instant first = clock.instant();
    failedTwice("k1");

    clock.advance(Duration.ofSeconds(10));
    failedTwice("k2");

    assertThat(stats.failingSince()).isEqualTo(first);
  }

  @Test
  void aDeliveredMessageIsListedAsRecentlyDeliveredAtTheClocksTime() throws InterruptedException {
    clock.advance(Duration.ofSeconds(7));

    settler.delivered(acquired("k1"));

    assertThat(settler.recentlyDelivered(10))
        .singleElement()
        .extracting(StoredMessage::idempotencyKey, StoredMessage::updatedAt)
        .containsExactly("k1", clock.instant());
  }

  private Delivery failedTwice(String key) throws InterruptedException {
    Delivery delivery = acquired(key);
    delivery.attempts = 2;
    delivery.lastError = "ServiceUnavailable";
    settler.willRetry(delivery, 1_000_000_000L);
    return delivery;
  }

  private Delivery acquired(String key) throws InterruptedException {
    OutboundMessage message = Messages.message(key, "g", "{}");
    assertThat(permits.tryAcquire(message, Duration.ZERO)).isTrue();
    message.transaction().retain(); // as the fan-out does for each message it routes
    return new Delivery(message, "g");
  }

  private StateStore recordingStore() {
    return (StateStore)
        Proxy.newProxyInstance(
            StateStore.class.getClassLoader(),
            new Class<?>[] {StateStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("recordDiscarded")) {
                recorded.add((StoredMessage) args[0]);
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}

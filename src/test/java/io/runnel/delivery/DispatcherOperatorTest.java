package io.runnel.delivery;

import static io.runnel.delivery.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.pipeline.Outcome;
import io.runnel.time.FakeClock;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher's side of an operator's actions: pause parking, retry, discard. */
class DispatcherOperatorTest {
  private final FakeClock clock = new FakeClock();

  private final RecordingListener listener = new RecordingListener();

  private final Dispatcher dispatcher =
      new Dispatcher(
          1,
          1 << 20,
          InFlightLimit.fixed(1, clock),
          null,
          Long.MAX_VALUE,
          new Backoff(() -> 0.5),
          clock,
          listener);

  /** The unsettled message with this key, or null, as the operator finds it. */
  private Delivery find(String key) {
    return dispatcher.queues().all().stream()
        .flatMap(Collection::stream)
        .filter(d -> d.message.idempotencyKey().equals(key))
        .findFirst()
        .orElse(null);
  }

  private static List<String> keys(List<List<Delivery>> batches) {
    return batches.stream().flatMap(List::stream).map(d -> d.message.idempotencyKey()).toList();
  }

  @Test
  void operatorRetryOfABackingOffMessageSendsItNow() {
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), List.of(Outcome.retry("boom")));
    assertThat(dispatcher.nextBatches()).as("backing off for a second").isEmpty();

    assertThat(dispatcher.retryNow(find("a1"))).isTrue();
    assertThat(keys(dispatcher.nextBatches())).containsExactly("a1");
    assertThat(dispatcher.queues().isSending(find("a1"))).isTrue();
    assertThat(dispatcher.retryNow(find("a1"))).as("in flight").isFalse();
  }

  @Test
  void operatorDiscardOfABackingOffHeadLetsItsGroupMoveOn() {
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("a2", "A", "x"));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), List.of(Outcome.retry("boom")));
    assertThat(dispatcher.discardWaiting(find("a2"), "by operator"))
        .as("a2 has not been tried")
        .isFalse();

    assertThat(dispatcher.discardWaiting(find("a1"), "by operator")).isTrue();
    assertThat(listener.discarded).containsExactly("a1: by operator");
    assertThat(keys(dispatcher.nextBatches())).containsExactly("a2");
    assertThat(find("a1")).isNull();
  }
}

package io.runnel.delivery;

import static io.runnel.delivery.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.pipeline.Outcome;
import io.runnel.time.FakeClock;
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

  private static List<String> keys(List<List<Delivery>> batches) {
    return batches.stream().flatMap(List::stream).map(d -> d.message.idempotencyKey()).toList();
  }

  @Test
  void pausedSinkParksEveryWaitingGroupButNotTheOneInFlight() {
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("a2", "A", "x"));
    dispatcher.add(message("b1", "B", "x"));
    dispatcher.add(message("b2", "B", "x"));
    List<List<Delivery>> inFlight = dispatcher.nextBatches();
    assertThat(keys(inFlight)).containsExactly("a1");

    assertThat(dispatcher.parkAllWaiting()).isEqualTo(1);
    assertThat(listener.parked).containsExactly("B/b1", "B/b2");
    dispatcher.add(message("b3", "B", "x"));
    assertThat(listener.parked).as("later arrivals follow their parked group").endsWith("B/b3");
    assertThat(dispatcher.queued()).isEqualTo(2);
  }

  @Test
  void retriedStoredMessageOfAFlowingGroupWaitsUntilItsQueueEmpties() {
    dispatcher.add(message("a1", "A", "x"));
    List<List<Delivery>> first = dispatcher.nextBatches();
    dispatcher.enqueueStored("A");
    dispatcher.enqueueStored("C");
    assertThat(dispatcher.dueParkedGroups())
        .as("an idle group is due at once")
        .containsExactly("C");
    dispatcher.add(message("a2", "A", "x"));
    assertThat(listener.parked).as("the flowing group stays in memory").isEmpty();

    dispatcher.onOutcomes(first.get(0), List.of(Outcome.delivered()));
    assertThat(dispatcher.dueParkedGroups()).isEmpty();
    List<List<Delivery>> second = dispatcher.nextBatches();
    dispatcher.onOutcomes(second.get(0), List.of(Outcome.delivered()));
    assertThat(listener.delivered).containsExactly("a1", "a2");
    assertThat(dispatcher.dueParkedGroups()).containsExactly("A");
  }

  @Test
  void operatorRetryOfABackingOffMessageSendsItNow() {
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), List.of(Outcome.retry("boom")));
    assertThat(dispatcher.nextBatches()).as("backing off for a second").isEmpty();

    assertThat(dispatcher.retryNow(dispatcher.find("a1"))).isTrue();
    assertThat(keys(dispatcher.nextBatches())).containsExactly("a1");
    assertThat(dispatcher.isSending(dispatcher.find("a1"))).isTrue();
    assertThat(dispatcher.retryNow(dispatcher.find("a1"))).as("in flight").isFalse();
  }

  @Test
  void operatorDiscardOfABackingOffHeadLetsItsGroupMoveOn() {
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("a2", "A", "x"));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), List.of(Outcome.retry("boom")));
    assertThat(dispatcher.discardWaiting(dispatcher.find("a2"), "by operator"))
        .as("a2 has not been tried")
        .isFalse();

    assertThat(dispatcher.discardWaiting(dispatcher.find("a1"), "by operator")).isTrue();
    assertThat(listener.discarded).containsExactly("a1: by operator");
    assertThat(keys(dispatcher.nextBatches())).containsExactly("a2");
    assertThat(dispatcher.find("a1")).isNull();
  }
}

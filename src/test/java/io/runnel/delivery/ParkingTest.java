package io.runnel.delivery;

import static io.runnel.delivery.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.pipeline.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parking as the dispatcher drives it: when a group parks, where its later arrivals go, and how it
 * comes back one stored message at a time.
 */
class ParkingTest extends DispatcherFixture {
  @Test
  void groupFailingLongerThanTheBoundParksWithEverythingBehindItAndLaterArrivalsFollow() {
    parkAfterNanos = Duration.ofSeconds(3).toNanos();
    Dispatcher dispatcher = dispatcher(10, 1 << 20, 1, null);
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("a2", "A", "x"));
    dispatcher.add(message("b1", "B", "x"));
    List<Delivery> first = dispatcher.nextBatches().get(0);
    dispatcher.onOutcomes(first, List.of(Outcome.retry("Throttled"), Outcome.delivered()));
    clock.advance(Duration.ofSeconds(1));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), all(1, Outcome.retry("Throttled")));
    assertThat(listener.parked).as("failing for 1 s: not yet").isEmpty();

    clock.advance(Duration.ofSeconds(2));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), all(1, Outcome.retry("Throttled")));
    assertThat(listener.parked).containsExactly("A/a1", "A/a2");
    assertThat(dispatcher.queued()).as("parked messages left memory").isZero();

    dispatcher.add(message("a3", "A", "x"));
    dispatcher.add(message("b2", "B", "x"));
    assertThat(listener.parked).containsExactly("A/a1", "A/a2", "A/a3");
    assertThat(keys(dispatcher.nextBatches().get(0))).containsExactly("b2");
  }

  @Test
  void parkedGroupSendsItsStoredMessagesOneAtATimeThenFlowsAgain() {
    Dispatcher dispatcher = dispatcher(10, 1 << 20, 4, null);
    dispatcher.parking().restore(List.of("A"));
    assertThat(dispatcher.parking().due()).containsExactly("A");
    assertThat(dispatcher.parking().due()).as("due once until resumed").isEmpty();

    dispatcher.parking().redeliver("A", message("a1", "A", "x"), 3, "Throttled");
    dispatcher.add(message("a2", "A", "x"));
    assertThat(listener.parked).as("arrivals queue behind the stored ones").containsExactly("A/a2");
    List<Delivery> batch = dispatcher.nextBatches().get(0);
    assertThat(keys(batch)).containsExactly("a1");
    assertThat(batch.get(0).attempts).isEqualTo(3);

    dispatcher.onOutcomes(batch, all(1, Outcome.retry("Throttled")));
    assertThat(listener.parked)
        .as("a stored message is never parked again")
        .containsExactly("A/a2");
    clock.advance(Duration.ofNanos(dispatcher.nanosUntilNextRetry()));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), all(1, Outcome.delivered()));
    assertThat(listener.delivered).containsExactly("a1");

    dispatcher.parking().resume("A");
    assertThat(dispatcher.parking().due()).containsExactly("A");
    dispatcher.parking().release("A");
    dispatcher.add(message("a3", "A", "x"));
    assertThat(keys(dispatcher.nextBatches().get(0))).containsExactly("a3");
    assertThat(dispatcher.parking().size()).isZero();
  }

  @Test
  void memoryPressureParksGroupsWaitingForARetryButNotOthers() {
    Dispatcher dispatcher = dispatcher(10, 1 << 20, 1, null);
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("a2", "A", "x"));
    dispatcher.add(message("b1", "B", "x"));
    dispatcher.onOutcomes(
        dispatcher.nextBatches().get(0), List.of(Outcome.retry("Throttled"), Outcome.delivered()));
    dispatcher.add(message("c1", "C", "x"));

    assertThat(dispatcher.parking().parkBackingOff()).isEqualTo(1);
    assertThat(listener.parked).containsExactly("A/a1", "A/a2");
    assertThat(dispatcher.backingOff()).isZero();
    assertThat(keys(dispatcher.nextBatches().get(0))).containsExactly("c1");
  }

  @Test
  void pausedSinkParksEveryWaitingGroupButNotTheOneInFlight() {
    Dispatcher dispatcher = dispatcher(1, 1 << 20, 1, null);
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("a2", "A", "x"));
    dispatcher.add(message("b1", "B", "x"));
    dispatcher.add(message("b2", "B", "x"));
    List<List<Delivery>> inFlight = dispatcher.nextBatches();
    assertThat(keys(inFlight.get(0))).containsExactly("a1");

    assertThat(dispatcher.parking().parkAllWaiting()).isEqualTo(1);
    assertThat(listener.parked).containsExactly("B/b1", "B/b2");
    dispatcher.add(message("b3", "B", "x"));
    assertThat(listener.parked).as("later arrivals follow their parked group").endsWith("B/b3");
    assertThat(dispatcher.queued()).isEqualTo(2);
  }

  @Test
  void retriedStoredMessageOfAFlowingGroupWaitsUntilItsQueueEmpties() {
    Dispatcher dispatcher = dispatcher(1, 1 << 20, 1, null);
    dispatcher.add(message("a1", "A", "x"));
    List<List<Delivery>> first = dispatcher.nextBatches();
    dispatcher.parking().storedMessageQueued("A");
    dispatcher.parking().storedMessageQueued("C");
    assertThat(dispatcher.parking().due()).as("an idle group is due at once").containsExactly("C");
    dispatcher.add(message("a2", "A", "x"));
    assertThat(listener.parked).as("the flowing group stays in memory").isEmpty();

    dispatcher.onOutcomes(first.get(0), List.of(Outcome.delivered()));
    assertThat(dispatcher.parking().due()).isEmpty();
    List<List<Delivery>> second = dispatcher.nextBatches();
    dispatcher.onOutcomes(second.get(0), List.of(Outcome.delivered()));
    assertThat(listener.delivered).containsExactly("a1", "a2");
    assertThat(dispatcher.parking().due()).containsExactly("A");
  }
}

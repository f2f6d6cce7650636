package io.runnel.delivery;

import static io.runnel.delivery.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.pipeline.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatcherTest extends DispatcherFixture {
  /** One message per batch, of any size, under {@code limit}. */
  private Dispatcher singleMessageBatches(InFlightLimit limit) {
    return dispatcher(1, 1 << 20, limit, null);
  }

  @Test
  void batchTakesOneHeadPerGroupSoAGroupIsNeverInFlightTwice() {
    Dispatcher dispatcher = dispatcher(10, 1 << 20, 1, null);
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("a2", "A", "x"));
    dispatcher.add(message("b1", "B", "x"));

    List<List<Delivery>> first = dispatcher.nextBatches();
    assertThat(first).hasSize(1);
    assertThat(keys(first.get(0))).containsExactly("a1", "b1");
    assertThat(dispatcher.nextBatches()).as("one batch in flight at most").isEmpty();

    dispatcher.onOutcomes(first.get(0), all(2, Outcome.delivered()));
    List<List<Delivery>> second = dispatcher.nextBatches();
    assertThat(keys(second.get(0))).containsExactly("a2");
    dispatcher.onOutcomes(second.get(0), all(1, Outcome.delivered()));
    assertThat(listener.delivered).containsExactly("a1", "b1", "a2");
    assertThat(dispatcher.queued()).isZero();
  }

  @Test
  void groupBehindARetryWaitsWhileOtherGroupsFlow() {
    Dispatcher dispatcher = dispatcher(10, 1 << 20, 4, null);
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("a2", "A", "x"));
    dispatcher.add(message("b1", "B", "x"));
    List<Delivery> batch = dispatcher.nextBatches().get(0);
    dispatcher.onOutcomes(batch, List.of(Outcome.retry("Throttled"), Outcome.delivered()));
    dispatcher.add(message("b2", "B", "x"));

    List<List<Delivery>> next = dispatcher.nextBatches();
    assertThat(next).hasSize(1);
    assertThat(keys(next.get(0))).containsExactly("b2");
    assertThat(listener.retryDelays).containsExactly(Duration.ofSeconds(1).toNanos());
    assertThat(dispatcher.nanosUntilNextRetry()).isEqualTo(Duration.ofSeconds(1).toNanos());

    clock.advance(Duration.ofMillis(999));
    dispatcher.onOutcomes(next.get(0), all(1, Outcome.delivered()));
    assertThat(dispatcher.nextBatches()).as("a1 still backing off, a2 behind it").isEmpty();

    clock.advance(Duration.ofMillis(1));
    List<Delivery> retry = dispatcher.nextBatches().get(0);
    assertThat(keys(retry)).containsExactly("a1");
    dispatcher.onOutcomes(retry, all(1, Outcome.delivered()));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), all(1, Outcome.delivered()));
    assertThat(listener.delivered).containsExactly("b1", "b2", "a1", "a2");
  }

  @Test
  void backoffDoublesPerAttempt() {
    Dispatcher dispatcher = dispatcher(10, 1 << 20, 1, null);
    dispatcher.add(message("a1", "A", "x"));
    for (int attempt = 1; attempt <= 3; attempt++) {
      List<Delivery> batch = dispatcher.nextBatches().get(0);
      dispatcher.onOutcomes(batch, all(1, Outcome.retry("InternalError")));
      clock.advance(Duration.ofNanos(dispatcher.nanosUntilNextRetry()));
    }
    assertThat(listener.retryDelays)
        .containsExactly(
            Duration.ofSeconds(1).toNanos(),
            Duration.ofSeconds(2).toNanos(),
            Duration.ofSeconds(4).toNanos());
  }

  @Test
  void maxRetryCountDiscardsAndTheGroupProceeds() {
    Dispatcher dispatcher = dispatcher(10, 1 << 20, 1, 1);
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("a2", "A", "x"));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), all(1, Outcome.retry("InternalError")));
    clock.advance(Duration.ofSeconds(2));
    dispatcher.onOutcomes(dispatcher.nextBatches().get(0), all(1, Outcome.retry("InternalError")));

    assertThat(listener.discarded).containsExactly("a1: gave up after 2 attempts: InternalError");
    List<Delivery> next = dispatcher.nextBatches().get(0);
    assertThat(keys(next)).containsExactly("a2");
  }

  @Test
  void permanentFailureDiscardsOnlyThatEntry() {
    Dispatcher dispatcher = dispatcher(10, 1 << 20, 1, null);
    dispatcher.add(message("a1", "A", "x"));
    dispatcher.add(message("b1", "B", "x"));
    List<Delivery> batch = dispatcher.nextBatches().get(0);
    dispatcher.onOutcomes(
        batch, List.of(Outcome.discard("InvalidMessageContents: bad"), Outcome.delivered()));
    assertThat(listener.discarded).containsExactly("a1: InvalidMessageContents: bad");
    assertThat(listener.delivered).containsExactly("b1");
    assertThat(dispatcher.queued()).isZero();
  }

  @Test
  void messageOverTheRequestLimitGoesAloneAndTheSinksDiscardSettlesIt() {
    Dispatcher dispatcher = dispatcher(10, 10, 2, null);
    dispatcher.add(message("small", "A", "12345"));
    dispatcher.add(message("big", "B", "12345678901"));
    dispatcher.add(message("small2", "C", "1234"));
    List<List<Delivery>> batches = dispatcher.nextBatches();
    assertThat(batches).hasSize(2);
    assertThat(keys(batches.get(0))).containsExactly("small", "small2");
    assertThat(keys(batches.get(1))).containsExactly("big");
    dispatcher.onOutcomes(batches.get(1), List.of(Outcome.discard("too big")));
    assertThat(listener.discarded).containsExactly("big: too big");
  }

  @Test
  void batchStaysWithinTheRequestByteLimit() {
    Dispatcher dispatcher = dispatcher(10, 10, 2, null);
    dispatcher.add(message("a", "A", "123456"));
    dispatcher.add(message("b", "B", "123456"));
    dispatcher.add(message("c", "C", "1234"));
    List<List<Delivery>> batches = dispatcher.nextBatches();
    assertThat(batches).hasSize(2);
    assertThat(keys(batches.get(0))).containsExactly("a", "c");
    assertThat(keys(batches.get(1))).containsExactly("b");
  }

  @Test
  void messagesWithoutGroupAreUnordered() {
    Dispatcher dispatcher = dispatcher(10, 1 << 20, 1, null);
    dispatcher.add(message("k1", null, "x"));
    dispatcher.add(message("k2", null, "x"));
    assertThat(keys(dispatcher.nextBatches().get(0))).containsExactly("k1", "k2");
  }

  @Test
  void moreRequestsGoOutWhileTheAdaptiveLimitGrows() {
    Dispatcher dispatcher = singleMessageBatches(new InFlightLimit(2, 8, clock));
    for (int i = 0; i < 100; i++) {
      dispatcher.add(message("k" + i, "G" + i, "x"));
    }
    List<Integer> sentPerTurn = new ArrayList<>();
    for (int turn = 0; turn < 6; turn++) {
      List<List<Delivery>> batches = dispatcher.nextBatches();
      sentPerTurn.add(batches.size());
      clock.advance(Duration.ofMillis(60)); // each window: answers after a flat 20 ms
      for (List<Delivery> batch : batches) {
        batch.get(0).sentNanos = clock.nanoTime() - Duration.ofMillis(20).toNanos();
        dispatcher.onOutcomes(batch, all(1, Outcome.delivered()));
      }
    }
    assertThat(sentPerTurn).containsExactly(2, 3, 4, 5, 6, 7);
  }

  @Test
  void aThrottledAnswerHalvesTheRequestsInFlightAndBacksItsMessagesOff() {
    Dispatcher dispatcher = singleMessageBatches(new InFlightLimit(8, 8, clock));
    for (int i = 0; i < 100; i++) {
      dispatcher.add(message("k" + i, "G" + i, "x"));
    }
    List<List<Delivery>> first = dispatcher.nextBatches();
    assertThat(first).hasSize(8);
    for (List<Delivery> batch : first) {
      dispatcher.onOutcomes(batch, all(1, Outcome.throttled("ThrottlingException: Rate exceeded")));
    }
    assertThat(dispatcher.inFlightLimit()).isEqualTo(4);
    assertThat(dispatcher.backingOff()).isEqualTo(8);
    assertThat(listener.retryDelays).containsOnly(Duration.ofSeconds(1).toNanos());
    assertThat(dispatcher.nextBatches()).as("other groups flow, at the lower limit").hasSize(4);
  }
}

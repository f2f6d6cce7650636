package io.runnel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.runnel.decode.Lsn;
import io.runnel.pipeline.AckWatermark;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import io.runnel.pipeline.Sink;
import io.runnel.pipeline.Transaction;
import io.runnel.state.StoredMessage;
import io.runnel.time.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A sink worker driven turn by turn on the test's thread: a fake sink the test answers, a state
 * store in memory, and a clock the test moves instead of sleeping.
 */
class SinkWorkerTest {
  private static final Lsn END = new Lsn(20);

  private final FakeClock clock = new FakeClock();
  private final FakeSink sink = new FakeSink();
  private final FakeStore store = new FakeStore();
  private final SinkWorker worker =
      new SinkWorker(
          "s", sink, DeliverySettings.defaults(null), store, clock, new SimpleMeterRegistry());
  private final AckWatermark watermark = new AckWatermark(Lsn.ZERO);
  private final Transaction tx = watermark.begin(new Lsn(10));

  @Test
  void offeredMessagesGoOutInOneBatchAndReleaseTheirTransactionOnceDelivered()
      throws InterruptedException {
    offer("k1", "g1");
    offer("k2", "g2");
    offer("k3", "g3");
    watermark.commit(tx, END);

    worker.turn();
    assertThat(sink.batches).hasSize(1);
    assertThat(keys(sink.batches.get(0))).containsExactlyInAnyOrder("k1", "k2", "k3");
    assertThat(watermark.advance(null)).as("sent, not yet answered").isEqualTo(Lsn.ZERO);

    sink.answer(0, Outcome.delivered());
    worker.turn();

    assertThat(worker.stats().delivered()).isEqualTo(3);
    assertThat(watermark.advance(null)).isEqualTo(END);
    assertThat(worker.stats().buffered()).isZero();
  }

  @Test
  void aFailedMessageIsSentAgainOnlyOnceItsBackoffHasPassed() throws InterruptedException {
    offer("k1", "g");
    worker.turn();
    sink.answer(0, Outcome.retry("ServiceUnavailable"));
    worker.turn();
    assertThat(worker.stats().failingSince()).isEqualTo(clock.instant());

    clock.advance(Duration.ofMillis(800)); // the first backoff is 1 s ± 15%
    worker.turn();
    assertThat(sink.batches).as("still backing off").hasSize(1);

    clock.advance(Duration.ofMillis(400));
    worker.turn();
    assertThat(sink.batches).hasSize(2);
    assertThat(keys(sink.batches.get(1))).containsExactly("k1");

    sink.answer(1, Outcome.delivered());
    worker.turn();
    assertThat(worker.stats().delivered()).isEqualTo(1);
    assertThat(worker.stats().failedAttempts()).isEqualTo(1);
    assertThat(worker.stats().failingSince()).as("succeeding again").isNull();
  }

  @Test
  void aMessageTheSinkRefusesForGoodIsRecordedAsDiscardedAndReleased() throws InterruptedException {
    offer("k1", "g");
    watermark.commit(tx, END);
    worker.turn();

    sink.answer(0, Outcome.discard("InvalidMessageContents"));
    worker.turn();

    assertThat(store.discarded).extracting(StoredMessage::idempotencyKey).containsExactly("k1");
    assertThat(worker.stats().discarded()).isEqualTo(1);
    assertThat(watermark.advance(null)).isEqualTo(END);
  }

  @Test
  void messagesOfAGroupAreSentOneAtATimeInOrder() throws InterruptedException {
    offer("k1", "g");
    offer("k2", "g");
    worker.turn();
    assertThat(sink.batches).hasSize(1);
    assertThat(keys(sink.batches.get(0))).containsExactly("k1");

    sink.answer(0, Outcome.delivered());
    worker.turn();
    assertThat(keys(sink.batches.get(1))).containsExactly("k2");
  }

  @Test
  void whilePausedNothingIsSentAndWhatWaitsIsParkedSoTheSlotMovesOn() throws InterruptedException {
    worker.setPaused(true);
    offer("k1", "g");
    offer("k2", "g");
    watermark.commit(tx, END);

    worker.turn();

    assertThat(sink.batches).isEmpty();
    assertThat(store.parkedCount()).isEqualTo(2);
    assertThat(watermark.advance(null)).as("parked durably counts as settled").isEqualTo(END);
    assertThat(worker.stats().parkedGroups()).isEqualTo(1);
  }

  @Test
  void whilePausedWhatArrivesLaterIsParkedAtTheNextSecond() throws InterruptedException {
    worker.setPaused(true);
    offer("k1", "g1");
    worker.turn();
    offer("k2", "g2");

    worker.turn();
    assertThat(store.parkedGroups("s")).as("parked at most once a second").containsOnly("g1");

    clock.advance(Duration.ofSeconds(1));
    worker.turn();
    assertThat(store.parkedGroups("s")).containsOnly("g1", "g2");
  }

  @Test
  void onResumeAParkedGroupIsSentFromTheStoreInOrderThenFlowsAgain() throws InterruptedException {
    worker.setPaused(true);
    offer("k1", "g");
    offer("k2", "g");
    worker.turn();

    worker.setPaused(false);
    worker.turn();
    assertThat(keys(sink.batches.get(0))).containsExactly("k1");
    sink.answer(0, Outcome.delivered());
    worker.turn();
    assertThat(keys(sink.batches.get(1))).containsExactly("k2");
    sink.answer(1, Outcome.delivered());
    worker.turn();
    worker.turn(); // finds the store empty for the group and unparks it

    assertThat(store.parkedCount()).isZero();
    assertThat(worker.stats().parkedGroups()).isZero();
    assertThat(worker.stats().delivered()).isEqualTo(2);
  }

  @Test
  void aStoppingWorkerFinishesOnlyOnceWhatItHoldsIsSettled() throws InterruptedException {
    offer("k1", "g");
    offer("k2", "g");
    worker.turn();
    worker.stop(Duration.ofMillis(1)); // its thread never started: the test turns it

    assertThat(worker.finished()).as("k1 in flight, k2 behind it").isFalse();
    sink.answer(0, Outcome.delivered());
    worker.turn();
    assertThat(worker.finished()).as("k2 in flight").isFalse();
    sink.answer(1, Outcome.delivered());
    worker.turn();
    assertThat(worker.finished()).isTrue();
  }

  @Test
  void aPausedWorkerStopsAtOnceLeavingItsMessagesUnacknowledged() throws InterruptedException {
    worker.setPaused(true);
    offer("k1", "g");
    watermark.commit(tx, END);

    worker.stop(Duration.ofMillis(1));

    assertThat(worker.finished()).isTrue();
    assertThat(sink.batches).isEmpty();
    assertThat(watermark.advance(null)).isEqualTo(Lsn.ZERO);
  }

  private void offer(String key, String group) throws InterruptedException {
    assertThat(worker.offer(Messages.message(key, group, "{}", tx), Duration.ZERO)).isTrue();
  }

  private static List<String> keys(List<OutboundMessage> batch) {
    return batch.stream().map(OutboundMessage::idempotencyKey).toList();
  }

  /** Keeps each batch and answers it when the test says so. */
  private static final class FakeSink implements Sink {
    final List<List<OutboundMessage>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<List<Outcome>>> answers = new ArrayList<>();

    @Override
    public CompletableFuture<List<Outcome>> send(List<OutboundMessage> batch) {
      batches.add(List.copyOf(batch));
      CompletableFuture<List<Outcome>> answer = new CompletableFuture<>();
      answers.add(answer);
      return answer;
    }

    /** Answers batch {@code index} with {@code outcome} for each of its messages. */
    void answer(int index, Outcome outcome) {
      answers.get(index).complete(Collections.nCopies(batches.get(index).size(), outcome));
    }

    @Override
    public String destination() {
      return "queue";
    }

    @Override
    public int maxBatchSize() {
      return 10;
    }

    @Override
    public int maxRequestBytes() {
      return 256 * 1024;
    }

    @Override
    public void close() {}
  }
}

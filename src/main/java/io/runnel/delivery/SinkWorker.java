package io.runnel.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import io.runnel.pipeline.Sink;
import io.runnel.pipeline.SinkInbox;
import io.runnel.state.MessageState;
import io.runnel.state.StateStore;
import io.runnel.state.StoredMessage;
import io.runnel.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sink's {@link Dispatcher} on its own thread: takes messages from the source, sends
 * batches to the {@link Sink}, and settles each message's transaction once delivered or discarded.
 *
 * <p>Memory is bounded: {@link #offer} blocks (up to its timeout) while the sink holds {@code
 * maxBuffered} messages or {@code maxBufferedBytes} bytes that are not yet settled. {@link #offer}
 * is called by the replication reader thread; everything else runs on the worker thread.
 */
public final class SinkWorker implements SinkInbox, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SinkWorker.class);

  private final String sinkName;
  private final Sink sink;
  private final Dispatcher dispatcher;
  private final SinkStats stats;
  private final LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
  private final BufferPermits permits;
  private final Settler settler;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile boolean paused;
  private volatile boolean abandon;

  private final StateStore store;
  private final StoreWriter storeWriter;
  private final Clock clock;
  private final OperatorActions actions;
  private final OldestUndelivered oldestUndelivered;
  private long lastPausedParkNanos;

  public SinkWorker(
      String sinkName,
      Sink sink,
      DeliverySettings settings,
      StateStore store,
      Clock clock,
      MeterRegistry registry) {
    this.sinkName = sinkName;
    this.stats = new SinkStats(sinkName, registry, clock);
    this.sink = sink;
    this.store = store;
    this.clock = clock;
    this.permits = new BufferPermits(settings.maxBuffered(), settings.maxBufferedBytes(), clock);
    this.storeWriter = new StoreWriter(sinkName, store, () -> abandon, stats::recordFailedAttempt);
    this.settler =
        new Settler(
            sinkName, sink.destination(), stats, storeWriter, permits, this::resumeParked, clock);
    this.dispatcher =
        new Dispatcher(
            sink.maxBatchSize(),
            sink.maxRequestBytes(),
            InFlightLimit.forSink(
                settings.maxInFlightBatches(), settings.maxBuffered(), sink.maxBatchSize(), clock),
            settings.maxRetryCount(),
            settings.parkAfter().toNanos(),
            Backoff.withRandomJitter(),
            clock,
            settler);
    this.actions = new OperatorActions(sinkName, dispatcher, store);
    this.oldestUndelivered = new OldestUndelivered(sinkName, store, clock, stats);
    this.lastPausedParkNanos = clock.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    this.thread = Thread.ofPlatform().name("runnel-sink-" + sinkName).daemon().unstarted(this::run);
  }

  /** Starts delivering; groups parked in the state store wait for their stored messages first. */
  public void start() {
    dispatcher.parking().restore(store.parkedGroups(sinkName));
    thread.start();
  }

  @Override
  public String sinkName() {
    return sinkName;
  }

  /**
   * While paused nothing is sent; what arrives is parked in the state store within a second (at
   * once when the buffer is full), so the slot and the other sinks on it move on. On resume the
   * parked groups are sent, each in order.
   */
  public void setPaused(boolean paused) {
    this.paused = paused;
    events.add(new WorkerEvent.Wake());
  }

  public boolean isPaused() {
    return paused;
  }

  public SinkStats stats() {
    return stats;
  }

  /**
   * Hands a message to this sink, waiting up to {@code timeout} for buffer space.
   *
   * @return false when the buffer stayed full; the caller keeps the message and tries again
   */
  @Override
  public boolean offer(OutboundMessage message, Duration timeout) throws InterruptedException {
    if (!permits.tryAcquire(message, timeout)) {
      return false;
    }
    message.transaction().retain();
    events.add(new WorkerEvent.Arrived(message));
    return true;
  }

  /**
   * Tells the worker its buffer stayed full for a while: groups waiting for a retry are parked in
   * the state store so the rest can move. Safe from any thread.
   */
  @Override
  public void relieveMemory() {
    events.add(new WorkerEvent.MemoryShort());
  }

  private void run() {
    try {
      while (!finished()) {
        turn(events.poll(waitNanos(), TimeUnit.NANOSECONDS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("sink={} delivery loop failed; no further messages will be sent", sinkName, e);
      stats.recordFailedAttempt("delivery loop failed: " + e);
    }
  }

  /** Stopping, and nothing left that may still be sent. */
  boolean finished() {
    return stopping && (abandon || paused || dispatcher.queued() == 0);
  }

  /** How long the loop may wait for an event: until the next retry is due, at most a second. */
  private long waitNanos() {
    return paused
        ? TimeUnit.SECONDS.toNanos(1)
        : Math.min(dispatcher.nanosUntilNextWake(), TimeUnit.SECONDS.toNanos(1));
  }

  /**
   * One turn of the worker loop without waiting, on the caller's thread: tests drive a worker that
   * was never started this way, moving a fake clock between turns instead of sleeping.
   */
  void turn() {
    turn(events.poll());
  }

  /**
   * Handles {@code first} (null when the wait ran out) and every event queued behind it, then sends
   * what is due (or parks what waits, while paused) and updates the stats.
   */
  private void turn(WorkerEvent first) {
    for (WorkerEvent event = first; event != null; event = events.poll()) {
      handle(event);
    }
    if (!paused) {
      dispatcher.parking().due().forEach(this::redeliverParked);
      dispatcher.nextBatches().forEach(this::send);
    } else {
      parkWhilePaused();
    }
    oldestUndelivered.update(dispatcher);
    stats.recordQueue(
        dispatcher.queued(),
        dispatcher.queues().sendingCount(),
        dispatcher.backingOff(),
        dispatcher.parking().size());
    stats.recordRequests(dispatcher.inFlight(), dispatcher.inFlightLimit());
  }

  /**
   * At most once a second while paused: moves what is buffered to the state store, so the slot (and
   * the WAL it retains) is not held back by a sink that sends nothing.
   */
  private void parkWhilePaused() {
    long now = clock.nanoTime();
    if (now - lastPausedParkNanos < TimeUnit.SECONDS.toNanos(1)) {
      return;
    }
    lastPausedParkNanos = now;
    int parked = dispatcher.parking().parkAllWaiting();
    if (parked > 0) {
      log.info("sink={} paused: parked {} group(s) in the state store", sinkName, parked);
    }
  }

  private void resumeParked(String group) {
    dispatcher.parking().resume(group);
  }

  /** Puts a parked group's oldest stored message back in line, or unparks an emptied group. */
  private void redeliverParked(String group) {
    try {
      store
          .oldestParked(sinkName, group)
          .ifPresentOrElse(
              stored ->
                  dispatcher
                      .parking()
                      .redeliver(
                          group,
                          StoreWriter.outbound(stored),
                          stored.deliverCount(),
                          stored.lastError()),
              () -> {
                dispatcher.parking().release(group);
                log.info(
                    "sink={} group is no longer parked: its stored messages are delivered",
                    sinkName);
              });
    } catch (RuntimeException e) {
      stats.recordFailedAttempt(e.getMessage());
      log.warn(
          "sink={} cannot read parked messages (will try again): {}", sinkName, e.getMessage());
      dispatcher.parking().defer(group, TimeUnit.SECONDS.toNanos(5));
    }
  }

  private void handle(WorkerEvent event) {
    switch (event) {
      case WorkerEvent.Arrived arrived -> dispatcher.add(arrived.message());
      case WorkerEvent.Answered answered ->
          dispatcher.onOutcomes(answered.batch(), answered.outcomes());
      case WorkerEvent.MemoryShort memoryShort -> parkToFreeMemory();
      case WorkerEvent.Request<?> request -> request.run();
      case WorkerEvent.Wake wake -> {} // the loop checks paused and stopping after every event
    }
  }

  private void parkToFreeMemory() {
    int parked =
        paused ? dispatcher.parking().parkAllWaiting() : dispatcher.parking().parkBackingOff();
    if (parked > 0) {
      log.warn("sink={} buffer full: parked {} group(s)", sinkName, parked);
    }
  }

  /**
   * The messages in flight or backing off, as the worker sees them between two events. Safe from
   * any thread; waits up to 10 seconds for the worker.
   */
  public List<StoredMessage> messages(MessageState state, int limit) {
    if (state == MessageState.DELIVERED) {
      return settler.recentlyDelivered(limit);
    }
    if (state != MessageState.IN_FLIGHT && state != MessageState.BACKING_OFF) {
      throw new IllegalArgumentException(state + " messages are in the state store");
    }
    return ask(
        () -> DeliveryViews.of(sinkName, sink.destination(), dispatcher, state, limit, clock));
  }

  /** Retries one message by idempotency key (see {@link OperatorActions}). Safe from any thread. */
  public ActionResult retry(String idempotencyKey) {
    return ask(() -> actions.retry(idempotencyKey));
  }

  /** Discards one message that is backing off or parked. Safe from any thread. */
  public ActionResult discard(String idempotencyKey) {
    return ask(() -> actions.discard(idempotencyKey));
  }

  /** Retries every discarded message, or every parked group now. Safe from any thread. */
  public ActionResult retryAll(MessageState state) {
    return ask(() -> actions.retryAll(state));
  }

  /** Discards every parked message. Safe from any thread. */
  public ActionResult discardAllParked() {
    return ask(actions::discardAllParked);
  }

  /** Runs {@code work} on the worker thread, between two events; waits up to 10 seconds. */
  private <T> T ask(Supplier<T> work) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    events.add(new WorkerEvent.Request<>(work, answer));
    try {
      return answer.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for sink " + sinkName, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("sink " + sinkName + " did not answer within 10 s", e);
    }
  }

  private void send(List<Delivery> batch) {
    List<OutboundMessage> messages = new ArrayList<>(batch.size());
    batch.forEach(d -> messages.add(d.message));
    log.debug("sink={} sending batch of {}", sinkName, batch.size());
    sink.send(messages)
        .whenComplete(
            (outcomes, error) -> {
              List<Outcome> answer = outcomes;
              if (error != null) {
                answer = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                  answer.add(Outcome.retry("sink failed: " + error));
                }
              }
              events.add(new WorkerEvent.Answered(batch, answer));
            });
  }

  /**
   * Sends what is buffered and waits for the answers, up to {@code timeout}; then stops the thread.
   * Whatever is still unsent stays unacknowledged and is read again after a restart.
   */
  @Override
  public void stop(Duration timeout) throws InterruptedException {
    stopping = true;
    events.add(new WorkerEvent.Wake());
    thread.join(timeout.toMillis());
    if (thread.isAlive()) {
      log.warn(
          "sink={} stopping with {} messages unsettled ({} batches in flight) after {}",
          sinkName,
          dispatcher.queued(),
          dispatcher.inFlight(),
          timeout);
      abandon = true;
      events.add(new WorkerEvent.Wake());
      thread.join(1000);
    }
  }

  @Override
  public void close() {
    sink.close();
  }
}

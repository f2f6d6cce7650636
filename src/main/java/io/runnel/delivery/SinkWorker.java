package io.runnel.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.pipeline.OutboundMessage;
import io.runnel.pipeline.Outcome;
import io.runnel.pipeline.Sink;
import io.runnel.pipeline.SinkInbox;
import io.runnel.state.StateStore;
import io.runnel.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
  private final Parking parking;
  private final ParkedRedelivery redelivery;
  private final SinkStats stats;
  private final LinkedBlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
  private final BufferPermits permits;
  private final Settler settler;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile boolean paused;
  private volatile boolean abandon;

  private final StoreWriter storeWriter;
  private final Clock clock;
  private final OperatorActions actions;
  private final OldestUndelivered oldestUndelivered;

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
    this.parking = dispatcher.parking();
    this.redelivery = new ParkedRedelivery(sinkName, store, parking, stats);
    this.actions =
        new OperatorActions(
            sinkName, sink.destination(), dispatcher, store, settler, clock, events::add);
    this.oldestUndelivered = new OldestUndelivered(sinkName, store, clock, stats);
    this.thread = Thread.ofPlatform().name("runnel-sink-" + sinkName).daemon().unstarted(this::run);
  }

  /** Starts delivering; groups parked in the state store wait for their stored messages first. */
  public void start() {
    redelivery.restore();
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
      redelivery.redeliverDue();
      dispatcher.nextBatches().forEach(this::send);
    } else {
      parkWhilePaused();
    }
    oldestUndelivered.update(dispatcher);
    stats.recordQueue(
        dispatcher.queued(),
        dispatcher.queues().sendingCount(),
        dispatcher.backingOff(),
        parking.size());
    stats.recordRequests(dispatcher.inFlight(), dispatcher.inFlightLimit());
  }

  /**
   * While paused, what is buffered moves to the state store (see {@link Parking#parkWhilePaused}).
   */
  private void parkWhilePaused() {
    int parked = parking.parkWhilePaused();
    if (parked > 0) {
      log.info("sink={} paused: parked {} group(s) in the state store", sinkName, parked);
    }
  }

  private void resumeParked(String group) {
    parking.resume(group);
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
    int parked = paused ? parking.parkAllWaiting() : parking.parkBackingOff();
    if (parked > 0) {
      log.warn("sink={} buffer full: parked {} group(s)", sinkName, parked);
    }
  }

  /** The operator's views, retries and discards of this sink's messages. Safe from any thread. */
  public OperatorActions actions() {
    return actions;
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

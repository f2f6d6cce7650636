package io.runnel.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.runnel.backfill.Backfiller;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.SinkConfig;
import io.runnel.decode.Lsn;
import io.runnel.delivery.SinkWorker;
import io.runnel.ha.DatabaseRole;
import io.runnel.source.ReplicationSource;
import io.runnel.state.Backfill;
import io.runnel.state.MessageState;
import io.runnel.state.SlotProgress;
import io.runnel.state.StateStore;
import io.runnel.state.StoredMessage;
import io.runnel.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database's slot and every sink reading from it: source → fan-out → sink workers. Started by
 * {@link PipelineStartup}, stopped by {@link Runnel}; {@link #health} is safe from any thread.
 */
final class DatabasePipeline implements DatabaseRole.Streaming {
  private static final Logger log = LoggerFactory.getLogger(DatabasePipeline.class);

  private final DatabaseConfig db;

  /** The enabled sinks by name, in config order. */
  private final Map<String, SinkConfig> sinks;

  /** Each enabled sink's worker, by sink name. */
  private final Map<String, SinkWorker> workers;

  private final ReplicationSource source;
  private final Housekeeping housekeeping;
  private final SlotProgress progress;
  private final StateStore store;
  private final Duration undeliveredAgeLimit;
  private final LagTrend lagTrend = new LagTrend();
  private final Backfiller backfiller;
  private final MeterRegistry registry;
  private final HistorySampler history;
  private final Clock clock;

  DatabasePipeline(
      DatabaseConfig db,
      Map<String, SinkConfig> sinks,
      Map<String, SinkWorker> workers,
      ReplicationSource source,
      Housekeeping housekeeping,
      SlotProgress progress,
      StateStore store,
      Duration undeliveredAgeLimit,
      Backfiller backfiller,
      MeterRegistry registry,
      HistorySampler history,
      Clock clock) {
    this.db = db;
    this.sinks = sinks;
    this.workers = workers;
    this.source = source;
    this.housekeeping = housekeeping;
    this.progress = progress;
    this.store = store;
    this.undeliveredAgeLimit = undeliveredAgeLimit;
    this.backfiller = backfiller;
    this.registry = registry;
    this.history = history;
    this.clock = clock;
  }

  /** Registers the slot's lag as a gauge per sink (removed again on stop or abort). */
  void registerLagGauges() {
    for (String sink : sinks.keySet()) {
      // Sinks of one database share its slot, so they report the same lag.
      Gauge.builder("runnel.replication.lag", this, DatabasePipeline::replicationLagBytes)
          .description("The server's current WAL position minus the slot's acknowledged position")
          .baseUnit(BaseUnits.BYTES)
          .tag("sink", sink)
          .register(registry);
    }
  }

  /** NaN until the server's position is known. */
  private double replicationLagBytes() {
    Long lag = lagBytes();
    return lag == null ? Double.NaN : lag;
  }

  /** Null until the server's position is known. */
  private Long lagBytes() {
    return housekeeping.lagBytes();
  }

  /** The named sink's last 15 minutes, or null when this pipeline has no such sink. */
  SinkHistory history(String sink) {
    return history.history(sink);
  }

  /**
   * Pauses or resumes a sink and records it in the state store, so it holds across restarts.
   *
   * @return false when this pipeline has no such sink
   */
  boolean setPaused(String sink, boolean paused) {
    SinkWorker worker = workers.get(sink);
    if (worker == null) {
      return false;
    }
    store.setPaused(sink, paused, SinkSetup.configuredStatus(sinks.get(sink)));
    worker.setPaused(paused);
    return true;
  }

  /** The named sink's worker, or null when this pipeline has no such sink. */
  SinkWorker worker(String sink) {
    return workers.get(sink);
  }

  /** Every sink's health; also samples the slot's lag, to tell when it keeps growing. */
  List<SinkHealth> health() {
    Long lag = lagBytes();
    Instant now = clock.instant();
    lagTrend.record(now.toEpochMilli(), lag);
    String lagProblem = lagTrend.problem();
    List<SinkHealth> health = new ArrayList<>();
    workers.forEach(
        (sink, worker) ->
            health.add(
                SinkHealth.of(
                    sink,
                    db.name(),
                    worker.isPaused(),
                    source.state().name(),
                    source.lastError(),
                    lag,
                    lagProblem,
                    worker.stats(),
                    undeliveredAgeLimit,
                    now)));
    return health;
  }

  /** The named sink's messages in one state, or null when this pipeline has no such sink. */
  List<StoredMessage> messages(String sink, MessageState state, int limit, String before) {
    SinkWorker worker = worker(sink);
    if (worker == null) {
      return null;
    }
    return state == MessageState.IN_FLIGHT
            || state == MessageState.BACKING_OFF
            || state == MessageState.DELIVERED
        ? worker.actions().messages(state, limit)
        : store.list(sink, state, limit, before);
  }

  long storedCount(String sink, MessageState state) {
    return store.count(sink, state);
  }

  boolean hasSink(String name) {
    return workers.containsKey(name);
  }

  /**
   * Checks the table and queues its backfill for the sink.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code tableName}
   */
  Backfill startBackfill(String sinkName, String tableName) {
    return backfiller.submit(sinks.get(sinkName), tableName);
  }

  List<Backfill> backfills(String sinkName) {
    return backfiller.list(sinkName);
  }

  Lsn flushedLsn() {
    return source.flushedLsn();
  }

  /** Stops reading, lets in-flight batches finish, acknowledges, and closes the sinks. */
  @Override
  public void stop(Duration timeout) throws InterruptedException {
    stopSideTasks();
    source.stop(timeout);
    recordProgress();
    for (SinkWorker worker : workers.values()) {
      worker.stop(Duration.ofSeconds(1));
      worker.close();
    }
    store.close();
    removeMeters();
  }

  /** The last position is worth keeping; a failure here must not stop the shutdown. */
  private void recordProgress() {
    try {
      progress.record(source.flushedLsn());
    } catch (RuntimeException e) {
      log.warn("database={} {}", db.name(), e.getMessage());
    }
  }

  /**
   * Stops at once, acknowledging nothing more: the lease is lost, so another instance may be taking
   * the slot over and will resend what this one has not acknowledged. Batches already on the wire
   * may still land (at-least-once; they carry the same dedup ids as the resends).
   */
  @Override
  public void abort() {
    try {
      stopSideTasks();
      // Workers first: nothing more is sent before the slot is free for the next holder.
      for (SinkWorker worker : workers.values()) {
        worker.stop(Duration.ofMillis(1));
      }
      source.abort();
      workers.values().forEach(SinkWorker::close);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      store.close();
      removeMeters();
    }
  }

  private void stopSideTasks() {
    backfiller.close();
    housekeeping.close();
  }

  /**
   * Removes this pipeline's sink meters: they read this pipeline's objects, and a later takeover in
   * the same process registers fresh ones.
   */
  private void removeMeters() {
    registry.getMeters().stream()
        .filter(meter -> sinks.containsKey(meter.getId().getTag("sink")))
        .toList()
        .forEach(registry::remove);
  }
}

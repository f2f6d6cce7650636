package io.runnel.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.backfill.BackfillWindows;
import io.runnel.backfill.Backfiller;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.SinkConfig;
import io.runnel.config.StateConfig;
import io.runnel.decode.Lsn;
import io.runnel.delivery.DeliverySettings;
import io.runnel.delivery.SinkWorker;
import io.runnel.function.Functions;
import io.runnel.pipeline.ChangeFanout;
import io.runnel.pipeline.Sink;
import io.runnel.pipeline.SinkRoute;
import io.runnel.source.ReplicationSetup;
import io.runnel.source.ReplicationSource;
import io.runnel.state.BackfillStore;
import io.runnel.state.PostgresStateStore;
import io.runnel.state.SlotProgress;
import io.runnel.state.StateStore;
import io.runnel.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Starts one database's pipeline, step by step: the state store, the slot and publication, every
 * enabled sink's worker and route, then the source, the backfiller and the housekeeping tasks.
 * Whatever was opened is closed again when a step fails.
 */
final class PipelineStartup {
  private PipelineStartup() {}

  /**
   * Prepares slot and publication, connects every sink's queue, and starts streaming. Blocks.
   *
   * @param functions the configuration's compiled functions
   * @param openSink connects a sink's destination (each sink's SQS queue in production)
   * @param registry where every sink's metrics are registered, tagged {@code sink}
   * @param clock every time reading of the pipeline
   */
  static DatabasePipeline start(
      DatabaseConfig db,
      List<SinkConfig> configured,
      Functions functions,
      StateConfig state,
      UnaryOperator<DeliverySettings> tuning,
      Function<SinkConfig, Sink> openSink,
      MeterRegistry registry,
      Clock clock) {
    Map<String, SinkConfig> sinks = SinkSetup.enabled(configured);
    StateStore store = PostgresStateStore.open(state.database(db));
    SlotProgress progress = new SlotProgress(state.database(db), db);
    Lsn start = prepareSlot(db, sinks.values(), progress, store);
    DeliverySettings settings = tuning.apply(DeliverySettings.defaults(null));
    Map<String, SinkWorker> workers = new LinkedHashMap<>();
    List<SinkRoute> routes = new ArrayList<>();
    try {
      for (SinkConfig sink : sinks.values()) {
        SinkWorker worker = SinkSetup.worker(sink, tuning, openSink, store, registry, clock);
        workers.put(sink.name(), worker);
        routes.add(SinkSetup.route(db, sink, worker, functions, registry));
      }
    } catch (RuntimeException e) {
      workers.values().forEach(SinkWorker::close);
      store.close();
      throw e;
    }
    workers.values().forEach(SinkWorker::start);
    BackfillWindows windows = new BackfillWindows();
    ReplicationSource source =
        new ReplicationSource(
            db, start, new ChangeFanout(db.name(), routes, start, windows), clock);
    source.start();
    Backfiller backfiller =
        Backfiller.start(
            db, windows, new BackfillStore(state.database(db)), List.copyOf(sinks.keySet()), clock);
    HistorySampler history = historySampler(workers, source, registry, clock);
    DatabasePipeline pipeline =
        new DatabasePipeline(
            db,
            sinks,
            workers,
            source,
            Housekeeping.start(db, progress, source::flushedLsn, history),
            progress,
            store,
            settings.undeliveredAgeLimit(),
            backfiller,
            registry,
            history,
            clock);
    pipeline.registerLagGauges();
    return pipeline;
  }

  /**
   * Checks or creates the slot and publication and records where streaming starts; closes the store
   * when that fails.
   */
  private static Lsn prepareSlot(
      DatabaseConfig db, Collection<SinkConfig> sinks, SlotProgress progress, StateStore store) {
    try {
      Lsn start =
          new ReplicationSetup(db)
              .ensure(SinkSetup.publishedTables(List.copyOf(sinks)), progress::lastAcknowledged);
      progress.record(start);
      return start;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static HistorySampler historySampler(
      Map<String, SinkWorker> workers,
      ReplicationSource source,
      MeterRegistry registry,
      Clock clock) {
    return new HistorySampler(
        workers.values().stream()
            .map(
                w ->
                    HistorySampler.Sources.of(
                        w.sinkName(),
                        w.stats(),
                        registry,
                        () -> source.state() == ReplicationSource.SourceState.STREAMING))
            .toList(),
        clock,
        HistorySampler.INTERVAL);
  }
}

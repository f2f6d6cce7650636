package io.runnel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.SinkConfig;
import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.config.SourceFilter;
import io.runnel.config.StateConfig;
import io.runnel.config.TableConfig;
import io.runnel.decode.Lsn;
import io.runnel.decode.TableId;
import io.runnel.message.MessageContext;
import io.runnel.message.MessageEncoder;
import io.runnel.pipeline.ChangeFanout;
import io.runnel.pipeline.Clock;
import io.runnel.pipeline.DeliverySettings;
import io.runnel.pipeline.Sink;
import io.runnel.pipeline.SinkRoute;
import io.runnel.pipeline.SinkWorker;
import io.runnel.sink.sqs.SqsSink;
import io.runnel.source.Heartbeat;
import io.runnel.source.ReplicationSetup;
import io.runnel.source.ReplicationSource;
import io.runnel.source.ServerWalPosition;
import io.runnel.state.MessageState;
import io.runnel.state.PostgresStateStore;
import io.runnel.state.StateStore;
import io.runnel.state.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One database's slot and every sink reading from it: source → fan-out → sink workers. Started and
 * stopped by {@link Runnel}; {@link #health} is safe from any thread.
 */
final class DatabasePipeline {
  private final DatabaseConfig db;
  private final List<SinkConfig> sinks;
  private final List<SinkWorker> workers;
  private final ReplicationSource source;
  private final Heartbeat heartbeat;
  private final ServerWalPosition serverPosition;
  private final StateStore store;

  private DatabasePipeline(
      DatabaseConfig db,
      List<SinkConfig> sinks,
      List<SinkWorker> workers,
      ReplicationSource source,
      Heartbeat heartbeat,
      ServerWalPosition serverPosition,
      StateStore store) {
    this.db = db;
    this.sinks = sinks;
    this.workers = workers;
    this.source = source;
    this.heartbeat = heartbeat;
    this.serverPosition = serverPosition;
    this.store = store;
  }

  /**
   * Prepares slot and publication, connects every sink's queue, and starts streaming. Blocks.
   *
   * @param openSink connects a sink's destination ({@link #sqsSinks} in production)
   * @param registry where every sink's metrics are registered, tagged {@code sink}
   */
  static DatabasePipeline start(
      DatabaseConfig db,
      List<SinkConfig> configured,
      StateConfig state,
      UnaryOperator<DeliverySettings> tuning,
      Function<SinkConfig, Sink> openSink,
      MeterRegistry registry) {
    List<SinkConfig> sinks =
        configured.stream().filter(s -> s.status() != SinkStatus.DISABLED).toList();
    Lsn start = new ReplicationSetup(db).ensure(publishedTables(sinks));
    StateStore store = PostgresStateStore.open(state.database(db));
    List<SinkRoute> routes = new ArrayList<>();
    List<SinkWorker> workers = new ArrayList<>();
    try {
      for (SinkConfig sink : sinks) {
        SinkWorker worker =
            new SinkWorker(
                sink.name(),
                openSink.apply(sink),
                tuning.apply(DeliverySettings.defaults(sink.maxRetryCount())),
                store,
                Clock.system(),
                registry);
        workers.add(worker);
        worker.setPaused(sink.status() == SinkStatus.PAUSED);
        routes.add(
            new SinkRoute(
                sink::streams,
                sink.actions(),
                new MessageEncoder(messageContext(db, sink)),
                worker));
      }
    } catch (RuntimeException e) {
      workers.forEach(SinkWorker::close);
      store.close();
      throw e;
    }
    workers.forEach(SinkWorker::start);
    ReplicationSource source =
        new ReplicationSource(db, start, new ChangeFanout(db.name(), routes, start));
    source.start();
    DatabasePipeline pipeline =
        new DatabasePipeline(
            db, sinks, workers, source, Heartbeat.start(db), ServerWalPosition.start(db), store);
    for (SinkConfig sink : sinks) {
      // Sinks of one database share its slot, so they report the same lag.
      Gauge.builder("runnel.replication.lag", pipeline, DatabasePipeline::replicationLagBytes)
          .description("The server's current WAL position minus the slot's acknowledged position")
          .baseUnit(BaseUnits.BYTES)
          .tag("sink", sink.name())
          .register(registry);
    }
    return pipeline;
  }

  /** Opens each sink's SQS queue, its requests counted in {@code registry}. */
  static Function<SinkConfig, Sink> sqsSinks(MeterRegistry registry) {
    return sink ->
        SqsSink.open(
            sink.destination(), sink.batchSize(), sink.messageGrouping(), sink.name(), registry);
  }

  /** NaN until the server's position is known. */
  private double replicationLagBytes() {
    Lsn server = serverPosition.latest();
    return server == null ? Double.NaN : Math.max(0, server.value() - source.flushedLsn().value());
  }

  /**
   * The tables a publication Runnel creates must hold: the sinks' listed tables, or none (meaning
   * all tables) when a sink selects by schema or exclusion, or wants every table.
   */
  private static List<TableId> publishedTables(List<SinkConfig> sinks) {
    Set<TableId> tables = new LinkedHashSet<>();
    for (SinkConfig sink : sinks) {
      SourceFilter source = sink.source();
      if (source.includeTables().isEmpty()
          || !source.includeSchemas().isEmpty()
          || !source.excludeSchemas().isEmpty()
          || !source.excludeTables().isEmpty()) {
        return List.of();
      }
      tables.addAll(source.includeTables());
    }
    return List.copyOf(tables);
  }

  static MessageContext messageContext(DatabaseConfig db, SinkConfig sink) {
    Map<TableId, List<String>> groupColumns =
        sink.tables().stream()
            .filter(t -> !t.groupColumnNames().isEmpty())
            .collect(Collectors.toMap(TableConfig::table, TableConfig::groupColumnNames));
    return new MessageContext(
        stableId("sink", sink.name()),
        sink.name(),
        sink.annotations(),
        stableId("database", db.name()),
        db.name(),
        db.database(),
        db.hostname(),
        sink.timestampFormat(),
        sink.messageGrouping(),
        groupColumns);
  }

  /** A UUID that stays the same across restarts for the same name. */
  private static String stableId(String kind, String name) {
    return UUID.nameUUIDFromBytes(("runnel:" + kind + ":" + name).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  List<SinkHealth> health() {
    List<SinkHealth> health = new ArrayList<>();
    for (int i = 0; i < sinks.size(); i++) {
      SinkConfig sink = sinks.get(i);
      health.add(
          SinkHealth.of(
              sink.name(),
              db.name(),
              workers.get(i).isPaused() ? "paused" : "active",
              source.state().name(),
              source.lastError(),
              workers.get(i).stats()));
    }
    return health;
  }

  /** The named sink's messages in one state, or null when this pipeline has no such sink. */
  List<StoredMessage> messages(String sink, MessageState state, int limit, String before) {
    for (int i = 0; i < sinks.size(); i++) {
      if (sinks.get(i).name().equals(sink)) {
        return state == MessageState.IN_FLIGHT
                || state == MessageState.BACKING_OFF
                || state == MessageState.DELIVERED
            ? workers.get(i).messages(state, limit)
            : store.list(sink, state, limit, before);
      }
    }
    return null;
  }

  Lsn flushedLsn() {
    return source.flushedLsn();
  }

  /** Stops reading, lets in-flight batches finish, acknowledges, and closes the sinks. */
  void stop(Duration timeout) throws InterruptedException {
    if (heartbeat != null) {
      heartbeat.close();
    }
    serverPosition.close();
    source.stop(timeout);
    for (SinkWorker worker : workers) {
      worker.stop(Duration.ofSeconds(1));
      worker.close();
    }
    store.close();
  }
}

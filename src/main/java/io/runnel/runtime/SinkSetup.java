package io.runnel.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.SinkConfig;
import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.config.SourceFilter;
import io.runnel.config.TableConfig;
import io.runnel.decode.TableId;
import io.runnel.delivery.DeliverySettings;
import io.runnel.delivery.SinkWorker;
import io.runnel.function.Functions;
import io.runnel.message.MessageContext;
import io.runnel.message.MessageEncoder;
import io.runnel.pipeline.Sink;
import io.runnel.pipeline.SinkRoute;
import io.runnel.sink.sqs.SqsSink;
import io.runnel.state.StateStore;
import io.runnel.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What a database's sinks need from the config when their pipeline starts: the tables a created
 * publication holds, each sink's message context, SQS destination, worker and route, and whether it
 * starts paused. Stateless.
 */
final class SinkSetup {
  private SinkSetup() {}

  /** Opens each sink's SQS queue, its requests counted in {@code registry}. */
  static Function<SinkConfig, Sink> sqsSinks(MeterRegistry registry) {
    return sink ->
        SqsSink.open(
            sink.destination(),
            sink.batchSize(),
            sink.messageGrouping(),
            sink.routing() != null,
            sink.name(),
            registry);
  }

  /** The sinks that are not disabled, by name, in config order. */
  static Map<String, SinkConfig> enabled(List<SinkConfig> configured) {
    Map<String, SinkConfig> sinks = new LinkedHashMap<>();
    configured.stream()
        .filter(sink -> sink.status() != SinkStatus.DISABLED)
        .forEach(sink -> sinks.put(sink.name(), sink));
    return sinks;
  }

  /** Opens the sink's destination and its worker (not started yet), paused as it was. */
  static SinkWorker worker(
      SinkConfig sink,
      UnaryOperator<DeliverySettings> tuning,
      Function<SinkConfig, Sink> openSink,
      StateStore store,
      MeterRegistry registry,
      Clock clock) {
    SinkWorker worker =
        new SinkWorker(
            sink.name(),
            openSink.apply(sink),
            tuning.apply(DeliverySettings.defaults(sink.maxRetryCount())),
            store,
            clock,
            registry);
    worker.setPaused(pausedAtStart(store, sink));
    return worker;
  }

  /** Which changes the sink takes, how they are encoded and transformed, and where they go. */
  static SinkRoute route(
      DatabaseConfig db,
      SinkConfig sink,
      SinkWorker worker,
      Functions functions,
      MeterRegistry registry) {
    return new SinkRoute(
        sink::streams,
        sink.actions(),
        new MessageEncoder(messageContext(db, sink)),
        functions.forSink(sink, registry),
        worker);
  }

  /**
   * The tables a publication Runnel creates must hold: the sinks' listed tables, or none (meaning
   * all tables) when a sink selects by schema or exclusion, or wants every table.
   */
  static List<TableId> publishedTables(List<SinkConfig> sinks) {
    return SourceFilter.publishedTables(sinks.stream().map(SinkConfig::source).toList());
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

  /**
   * The config's status, unless the operator paused or resumed the sink through the API while the
   * config said what it says now: then the operator's word holds, across restarts.
   */
  static boolean pausedAtStart(StateStore store, SinkConfig sink) {
    boolean configured = sink.status() == SinkStatus.PAUSED;
    return store.pausedOverride(sink.name(), configuredStatus(sink)).orElse(configured);
  }

  static String configuredStatus(SinkConfig sink) {
    return sink.status().name().toLowerCase(java.util.Locale.ROOT);
  }
}

package io.runnel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.RunnelConfig;
import io.runnel.config.SinkConfig;
import io.runnel.function.FunctionCompiler;
import io.runnel.function.Functions;
import io.runnel.pipeline.DeliverySettings;
import io.runnel.pipeline.Sink;
import io.runnel.pipeline.SinkWorker;
import io.runnel.state.Backfill;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Runnel: one {@link DatabasePipeline} per configured database that has sinks.
 * Thread-safe.
 */
public final class Runnel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Runnel.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final List<DatabasePipeline> pipelines;
  private final PrometheusMeterRegistry metrics;
  private final JvmGcMetrics gcMetrics;

  private Runnel(
      List<DatabasePipeline> pipelines, PrometheusMeterRegistry metrics, JvmGcMetrics gcMetrics) {
    this.pipelines = pipelines;
    this.metrics = metrics;
    this.gcMetrics = gcMetrics;
  }

  /**
   * Starts streaming every database. Blocks until each slot is ready and each queue answered.
   *
   * @throws RuntimeException naming the database or queue that could not be set up
   */
  public static Runnel start(RunnelConfig config) {
    return start(config, UnaryOperator.identity());
  }

  /**
   * Starts with delivery bounds adjusted by {@code tuning} (tests and benchmarks shorten the
   * parking bound or shrink buffers; operators use the defaults).
   */
  public static Runnel start(RunnelConfig config, UnaryOperator<DeliverySettings> tuning) {
    return start(config, tuning, DatabasePipeline::sqsSinks);
  }

  /**
   * As {@link #start(RunnelConfig, UnaryOperator)}, with every sink's destination replaced by what
   * {@code openSinks} opens for the run's metric registry (the benchmark's null sink measures the
   * pipeline without SQS this way).
   */
  public static Runnel start(
      RunnelConfig config,
      UnaryOperator<DeliverySettings> tuning,
      Function<MeterRegistry, Function<SinkConfig, Sink>> openSinks) {
    Functions functions = FunctionCompiler.compile(config.functions());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gcMetrics = bindJvmMetrics(metrics);
    List<DatabasePipeline> pipelines = new ArrayList<>();
    try {
      for (DatabaseConfig db : config.databases()) {
        if (config.sinksOf(db.name()).isEmpty()) {
          log.info("database={} has no sinks; not streaming it", db.name());
          continue;
        }
        pipelines.add(
            DatabasePipeline.start(
                db,
                config.sinksOf(db.name()),
                functions,
                config.state(),
                tuning,
                openSinks.apply(metrics),
                metrics));
      }
    } catch (RuntimeException e) {
      stopAll(pipelines);
      gcMetrics.close();
      metrics.close();
      throw e;
    }
    log.info("runnel started: {} database(s), {} sink(s)", pipelines.size(), config.sinks().size());
    return new Runnel(pipelines, metrics, gcMetrics);
  }

  /** JVM metrics; the GC binder listens to GC notifications until closed. */
  private static JvmGcMetrics bindJvmMetrics(PrometheusMeterRegistry metrics) {
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ClassLoaderMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new UptimeMetrics().bindTo(metrics);
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(metrics);
    return gcMetrics;
  }

  /** Every sink's and the JVM's metrics, for {@code GET /metrics}. Thread-safe. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /**
   * Functions are parsed and validated, but not applied yet: running without them would send what a
   * filter should drop, or to the wrong queue. Refuse instead of guessing.
   */
  /** Every sink's current health. */
  public List<SinkHealth> health() {
    List<SinkHealth> health = new ArrayList<>();
    pipelines.forEach(p -> health.addAll(p.health()));
    return health;
  }

  /**
   * A sink's messages in one state, newest first for stored states.
   *
   * @param before paging cursor (an idempotency key from the previous page), or null
   * @return null when no sink has that name
   */
  public List<StoredMessage> messages(String sink, MessageState state, int limit, String before) {
    for (DatabasePipeline pipeline : pipelines) {
      List<StoredMessage> messages = pipeline.messages(sink, state, limit, before);
      if (messages != null) {
        return messages;
      }
    }
    return null;
  }

  /**
   * Pauses or resumes a sink, recorded in the state store so it holds across restarts (until the
   * config's {@code status} for the sink changes). Blocks on the store.
   *
   * @return false when no sink has that name
   */
  public boolean setPaused(String sink, boolean paused) {
    for (DatabasePipeline pipeline : pipelines) {
      if (pipeline.setPaused(sink, paused)) {
        log.info("sink={} {} by operator", sink, paused ? "paused" : "resumed");
        return true;
      }
    }
    return false;
  }

  /** How many of a sink's messages the state store holds in {@code state}; 0 for no such sink. */
  public long storedCount(String sink, MessageState state) {
    for (DatabasePipeline pipeline : pipelines) {
      if (pipeline.hasSink(sink)) {
        return pipeline.storedCount(sink, state);
      }
    }
    return 0;
  }

  /**
   * The named sink's worker, for an operator's retry or discard ({@link SinkWorker#retry}, {@link
   * SinkWorker#discard}, {@link SinkWorker#retryAll}); empty when no sink has that name.
   */
  public Optional<SinkWorker> sink(String name) {
    for (DatabasePipeline pipeline : pipelines) {
      SinkWorker worker = pipeline.worker(name);
      if (worker != null) {
        return Optional.of(worker);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts a backfill of {@code table} for {@code sink}: its rows are sent as {@code read}
   * messages, in order with the sink's changes. Blocks on a catalog query.
   *
   * @return null when no running sink has that name
   * @throws IllegalArgumentException naming what is wrong with {@code table}
   */
  public Backfill startBackfill(String sink, String table) {
    for (DatabasePipeline pipeline : pipelines) {
      if (pipeline.hasSink(sink)) {
        return pipeline.startBackfill(sink, table);
      }
    }
    return null;
  }

  /**
   * A sink's backfills, newest first.
   *
   * @return null when no running sink has that name
   */
  public List<Backfill> backfills(String sink) {
    for (DatabasePipeline pipeline : pipelines) {
      if (pipeline.hasSink(sink)) {
        return pipeline.backfills(sink);
      }
    }
    return null;
  }

  /** Stops reading, finishes batches in flight, and acknowledges what was delivered. Blocks. */
  @Override
  public void close() {
    stopAll(pipelines);
    gcMetrics.close();
    metrics.close();
    log.info("runnel stopped");
  }

  private static void stopAll(List<DatabasePipeline> pipelines) {
    for (DatabasePipeline pipeline : pipelines) {
      try {
        pipeline.stop(STOP_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}

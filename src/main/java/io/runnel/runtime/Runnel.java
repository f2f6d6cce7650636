package io.runnel.runtime;

import io.micrometer.core.instrument.Gauge;
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
import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.delivery.SinkWorker;
import io.runnel.function.FunctionCompiler;
import io.runnel.function.Functions;
import io.runnel.ha.DatabaseRole;
import io.runnel.ha.RoleScheduler;
import io.runnel.ha.SlotLease;
import io.runnel.state.Backfill;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Runnel instance: per configured database that has sinks, a {@link DatabaseRole} that
 * streams it while this instance holds the database's lease and stands by otherwise. Thread-safe.
 */
public final class Runnel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Runnel.class);

  private final String instanceId;
  private final RunnelConfig config;
  private final List<DatabaseRole<DatabasePipeline>> roles;
  private final RoleScheduler scheduler;
  private final PrometheusMeterRegistry metrics;
  private final JvmGcMetrics gcMetrics;

  private Runnel(
      String instanceId,
      RunnelConfig config,
      List<DatabaseRole<DatabasePipeline>> roles,
      PrometheusMeterRegistry metrics,
      JvmGcMetrics gcMetrics) {
    this.instanceId = instanceId;
    this.config = config;
    this.roles = roles;
    this.metrics = metrics;
    this.gcMetrics = gcMetrics;
    this.scheduler = RoleScheduler.start(instanceId, roles);
  }

  /**
   * Starts as instance {@code options.instanceId()}: each database whose lease no other instance
   * holds is streamed at once (blocking until its slot is ready and its queues answered); the
   * others stand by and are taken over when their holder goes away.
   *
   * @throws RuntimeException naming the database or queue that could not be set up
   */
  public static Runnel start(RunnelOptions options) {
    RunnelConfig config = options.config();
    String instanceId = options.instanceId();
    Functions functions = FunctionCompiler.compile(config.functions());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gcMetrics = bindJvmMetrics(metrics);
    List<DatabaseRole<DatabasePipeline>> roles = new ArrayList<>();
    try {
      for (DatabaseConfig db : config.databases()) {
        if (config.sinksOf(db.name()).isEmpty()) {
          log.info("database={} has no sinks; not streaming it", db.name());
          continue;
        }
        DatabaseRole<DatabasePipeline> role =
            new DatabaseRole<>(
                db.name(),
                SlotLease.advisoryLock(config.state().database(db), db, instanceId),
                () ->
                    PipelineStartup.start(
                        db,
                        config.sinksOf(db.name()),
                        functions,
                        config.state(),
                        options.tuning(),
                        options.openSinks().apply(metrics),
                        metrics,
                        options.clock()),
                options.clock());
        roles.add(role);
        role.start();
        Gauge.builder("runnel.database.active", role, r -> r.active() ? 1 : 0)
            .description("1 while this instance streams the database, 0 on standby")
            .tag("database", db.name())
            .register(metrics);
      }
    } catch (RuntimeException e) {
      roles.forEach(DatabaseRole::close);
      gcMetrics.close();
      metrics.close();
      throw e;
    }
    long active = roles.stream().filter(DatabaseRole::active).count();
    log.info(
        "runnel started as instance {}: {} database(s) active, {} on standby, {} sink(s)",
        instanceId,
        active,
        roles.size() - active,
        config.sinks().size());
    return new Runnel(instanceId, config, roles, metrics, gcMetrics);
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

  /** This instance's id, as given to {@code runnel run --instance-id}. */
  public String instanceId() {
    return instanceId;
  }

  /** Per database: whether this instance streams it, and who holds it otherwise. */
  public List<DatabaseStatus> databases() {
    return roles.stream()
        .map(
            role ->
                new DatabaseStatus(
                    role.database(),
                    config.database(role.database()).orElseThrow().slotName(),
                    role.active() ? "active" : "standby",
                    role.active() ? instanceId : role.holder(),
                    role.lastError()))
        .toList();
  }

  /**
   * Every sink's current health; the sinks of a database this instance stands by for report {@code
   * standby} (healthy: the holder streams them).
   */
  public List<SinkHealth> health() {
    List<SinkHealth> health = new ArrayList<>();
    for (DatabaseRole<DatabasePipeline> role : roles) {
      DatabasePipeline pipeline = role.pipeline();
      if (pipeline != null) {
        health.addAll(pipeline.health());
      } else {
        // Unhealthy only when no one streams the database because this instance could not.
        String problem = role.holder() == null ? role.lastError() : null;
        config.sinksOf(role.database()).stream()
            .filter(sink -> sink.status() != SinkStatus.DISABLED)
            .forEach(sink -> health.add(SinkHealth.standby(sink.name(), role.database(), problem)));
      }
    }
    return health;
  }

  /** The running pipeline that has the named sink; empty on standby or for no such sink. */
  private Optional<DatabasePipeline> pipelineOf(String sink) {
    return roles.stream()
        .map(DatabaseRole::pipeline)
        .filter(p -> p != null && p.hasSink(sink))
        .findFirst();
  }

  /**
   * A sink's messages in one state, newest first for stored states.
   *
   * @param before paging cursor (an idempotency key from the previous page), or null
   * @return null when no sink has that name
   */
  public List<StoredMessage> messages(String sink, MessageState state, int limit, String before) {
    return pipelineOf(sink).map(p -> p.messages(sink, state, limit, before)).orElse(null);
  }

  /**
   * A sink's last 15 minutes of throughput, lag and latency, one point per 5 seconds, oldest first
   * (see {@link SinkHistory}).
   *
   * @return null when no running sink has that name (standby included)
   */
  public SinkHistory history(String sink) {
    return pipelineOf(sink).map(p -> p.history(sink)).orElse(null);
  }

  /**
   * Pauses or resumes a sink, recorded in the state store so it holds across restarts (until the
   * config's {@code status} for the sink changes). Blocks on the store.
   *
   * @return false when no sink has that name
   */
  public boolean setPaused(String sink, boolean paused) {
    Optional<DatabasePipeline> pipeline = pipelineOf(sink);
    pipeline.ifPresent(p -> p.setPaused(sink, paused));
    pipeline.ifPresent(
        p -> log.info("sink={} {} by operator", sink, paused ? "paused" : "resumed"));
    return pipeline.isPresent();
  }

  /** How many of a sink's messages the state store holds in {@code state}; 0 for no such sink. */
  public long storedCount(String sink, MessageState state) {
    return pipelineOf(sink).map(p -> p.storedCount(sink, state)).orElse(0L);
  }

  /**
   * The named sink's worker, for an operator's retry or discard ({@link SinkWorker#retry}, {@link
   * SinkWorker#discard}, {@link SinkWorker#retryAll}); empty when no sink has that name.
   */
  public Optional<SinkWorker> sink(String name) {
    return pipelineOf(name).map(p -> p.worker(name));
  }

  /**
   * Starts a backfill of {@code table} for {@code sink}: its rows are sent as {@code read}
   * messages, in order with the sink's changes. Blocks on a catalog query.
   *
   * @return null when no running sink has that name
   * @throws IllegalArgumentException naming what is wrong with {@code table}
   */
  public Backfill startBackfill(String sink, String table) {
    return pipelineOf(sink).map(p -> p.startBackfill(sink, table)).orElse(null);
  }

  /**
   * A sink's backfills, newest first.
   *
   * @return null when no running sink has that name
   */
  public List<Backfill> backfills(String sink) {
    return pipelineOf(sink).map(p -> p.backfills(sink)).orElse(null);
  }

  /**
   * Stops reading, finishes batches in flight, acknowledges what was delivered, and releases every
   * lease (a standby takes over at once). Blocks.
   */
  @Override
  public void close() {
    scheduler.close();
    roles.forEach(DatabaseRole::close);
    gcMetrics.close();
    metrics.close();
    log.info("runnel stopped");
  }
}

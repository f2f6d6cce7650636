package io.runnel;

import io.runnel.config.DatabaseConfig;
import io.runnel.config.RunnelConfig;
import io.runnel.pipeline.DeliverySettings;
import io.runnel.state.MessageState;
import io.runnel.state.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  private Runnel(List<DatabasePipeline> pipelines) {
    this.pipelines = pipelines;
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
    List<DatabasePipeline> pipelines = new ArrayList<>();
    try {
      for (DatabaseConfig db : config.databases()) {
        if (config.sinksOf(db.name()).isEmpty()) {
          log.info("database={} has no sinks; not streaming it", db.name());
          continue;
        }
        pipelines.add(
            DatabasePipeline.start(db, config.sinksOf(db.name()), config.state(), tuning));
      }
    } catch (RuntimeException e) {
      stopAll(pipelines);
      throw e;
    }
    log.info("runnel started: {} database(s), {} sink(s)", pipelines.size(), config.sinks().size());
    return new Runnel(pipelines);
  }

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

  /** Stops reading, finishes batches in flight, and acknowledges what was delivered. Blocks. */
  @Override
  public void close() {
    stopAll(pipelines);
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

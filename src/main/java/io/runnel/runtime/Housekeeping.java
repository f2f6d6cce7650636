package io.runnel.runtime;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;
import io.runnel.source.Heartbeat;
import io.runnel.source.ServerWalPosition;
import io.runnel.state.SlotProgress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background jobs beside one database's stream, as named tasks on one scheduler thread ({@code
 * runnel-housekeeping-<database>}, after HikariCP's housekeeper): the heartbeat (keeps an idle slot
 * moving), the server's WAL position (for the lag), the slot's acknowledged position recorded in
 * the state store (so a lost slot is noticed), and the sinks' history for the console's charts.
 * {@link #close} stops the scheduler, waiting a bounded time for a running task, then closes the
 * tasks' connections.
 */
final class Housekeeping implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  private static final long RECORD_PROGRESS_EVERY_MS = 5000;
  private static final long STOP_WAIT_MS = 5000;

  private final DatabaseConfig db;
  private final ScheduledExecutorService scheduler;
  private final Heartbeat heartbeat;
  private final ServerWalPosition serverPosition;
  private final Supplier<Lsn> acknowledged;

  private Housekeeping(
      DatabaseConfig db, ScheduledExecutorService scheduler, Supplier<Lsn> acknowledged) {
    this.db = db;
    this.scheduler = scheduler;
    this.heartbeat = Heartbeat.start(db, scheduler);
    this.serverPosition = ServerWalPosition.start(db, scheduler);
    this.acknowledged = acknowledged;
  }

  static Housekeeping start(
      DatabaseConfig db, SlotProgress slot, Supplier<Lsn> acknowledged, HistorySampler history) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("runnel-housekeeping-" + db.name()).daemon().factory());
    Housekeeping housekeeping = new Housekeeping(db, scheduler, acknowledged);
    scheduler.scheduleWithFixedDelay(
        housekeeping.named("record the slot's progress", slot.recorder(acknowledged)),
        RECORD_PROGRESS_EVERY_MS,
        RECORD_PROGRESS_EVERY_MS,
        TimeUnit.MILLISECONDS);
    long every = history.interval().toMillis();
    scheduler.scheduleAtFixedRate(
        housekeeping.named(
            "sample the sinks' history", () -> history.sample(housekeeping.lagBytes())),
        every,
        every,
        TimeUnit.MILLISECONDS);
    return housekeeping;
  }

  /**
   * {@code task} logging its failures under {@code name}: a failed run is logged and the next one
   * runs as usual (an exception thrown to the scheduler would end the task's runs for good).
   */
  private Runnable named(String name, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("database={} cannot {}: {}", db.name(), name, e.toString());
      }
    };
  }

  /** The server's WAL position minus the slot's acknowledged one; null until the first is known. */
  Long lagBytes() {
    Lsn server = serverPosition.latest();
    return server == null ? null : Math.max(0, server.value() - acknowledged.get().value());
  }

  /** Stops the scheduler (interrupting a running task, waiting up to 5 s), then the connections. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
        log.warn(
            "database={} housekeeping did not stop within {} ms; closing its connections anyway",
            db.name(),
            STOP_WAIT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (heartbeat != null) {
      heartbeat.close();
    }
    serverPosition.close();
  }
}

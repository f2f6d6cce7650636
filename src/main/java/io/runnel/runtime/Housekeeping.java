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
 * The background jobs beside one database's stream: the heartbeat (keeps an idle slot moving), the
 * server's WAL position (for the lag), and the slot's acknowledged position recorded in the state
 * store (so a lost slot is noticed), and the sinks' history for the console's charts. Each owns its
 * thread; {@link #close} stops them all.
 */
final class Housekeeping implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  private static final long RECORD_PROGRESS_EVERY_MS = 5000;

  private final Heartbeat heartbeat;
  private final ServerWalPosition serverPosition;
  private final SlotProgress.Recorder progress;
  private final Supplier<Lsn> acknowledged;
  private final ScheduledExecutorService historyScheduler;

  private Housekeeping(
      Heartbeat heartbeat,
      ServerWalPosition serverPosition,
      SlotProgress.Recorder progress,
      Supplier<Lsn> acknowledged,
      ScheduledExecutorService historyScheduler) {
    this.heartbeat = heartbeat;
    this.serverPosition = serverPosition;
    this.progress = progress;
    this.acknowledged = acknowledged;
    this.historyScheduler = historyScheduler;
  }

  static Housekeeping start(
      DatabaseConfig db, SlotProgress slot, Supplier<Lsn> acknowledged, HistorySampler history) {
    Housekeeping housekeeping =
        new Housekeeping(
            Heartbeat.start(db),
            ServerWalPosition.start(db),
            slot.recordEvery(RECORD_PROGRESS_EVERY_MS, acknowledged),
            acknowledged,
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("runnel-history-" + db.name()).daemon().factory()));
    long every = history.interval().toMillis();
    housekeeping.historyScheduler.scheduleAtFixedRate(
        () -> housekeeping.sample(db, history), every, every, TimeUnit.MILLISECONDS);
    return housekeeping;
  }

  /** A failed sample is logged and the next one taken as usual (a thrown one would end them). */
  private void sample(DatabaseConfig db, HistorySampler history) {
    try {
      history.sample(lagBytes());
    } catch (RuntimeException e) {
      log.warn("database={} cannot sample the sinks' history: {}", db.name(), e.toString());
    }
  }

  /** The server's WAL position minus the slot's acknowledged one; null until the first is known. */
  Long lagBytes() {
    Lsn server = serverPosition.latest();
    return server == null ? null : Math.max(0, server.value() - acknowledged.get().value());
  }

  @Override
  public void close() {
    historyScheduler.shutdownNow();
    progress.close();
    if (heartbeat != null) {
      heartbeat.close();
    }
    serverPosition.close();
  }
}

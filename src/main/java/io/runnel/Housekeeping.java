package io.runnel;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;
import io.runnel.source.Heartbeat;
import io.runnel.source.ServerWalPosition;
import io.runnel.state.SlotProgress;
import java.util.function.Supplier;

/**
 * The background jobs beside one database's stream: the heartbeat (keeps an idle slot moving), the
 * server's WAL position (for the lag), and the slot's acknowledged position recorded in the state
 * store (so a lost slot is noticed). Each owns its thread; {@link #close} stops them all.
 */
final class Housekeeping implements AutoCloseable {
  private static final long RECORD_PROGRESS_EVERY_MS = 5000;

  private final Heartbeat heartbeat;
  private final ServerWalPosition serverPosition;
  private final SlotProgress.Recorder progress;

  private Housekeeping(
      Heartbeat heartbeat, ServerWalPosition serverPosition, SlotProgress.Recorder progress) {
    this.heartbeat = heartbeat;
    this.serverPosition = serverPosition;
    this.progress = progress;
  }

  static Housekeeping start(DatabaseConfig db, SlotProgress slot, Supplier<Lsn> acknowledged) {
    return new Housekeeping(
        Heartbeat.start(db),
        ServerWalPosition.start(db),
        slot.recordEvery(RECORD_PROGRESS_EVERY_MS, acknowledged));
  }

  /** The server's current WAL position; null until known. */
  Lsn serverPosition() {
    return serverPosition.latest();
  }

  @Override
  public void close() {
    progress.close();
    if (heartbeat != null) {
      heartbeat.close();
    }
    serverPosition.close();
  }
}

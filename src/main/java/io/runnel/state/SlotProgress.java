package io.runnel.state;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LSN a slot was last acknowledged up to, in the state store ({@code runnel.slots}, created by
 * the migrations {@link PostgresStateStore#open} applies first). Only moves forward, so a late
 * write from an instance that just lost its lease cannot move it back. Opens a connection per call.
 * Thread-safe; every call blocks.
 */
public final class SlotProgress {
  private static final Logger log = LoggerFactory.getLogger(SlotProgress.class);
  private static final String UPSERT =
      """
      INSERT INTO runnel.slots (database, slot, acknowledged_lsn) VALUES (?, ?, ?::pg_lsn)
      ON CONFLICT (database, slot) DO UPDATE SET updated_at = now(),
        acknowledged_lsn = greatest(runnel.slots.acknowledged_lsn, excluded.acknowledged_lsn)""";

  private final DatabaseConfig store;
  private final DatabaseConfig db;

  /**
   * @param store the state store's database
   * @param db the source database whose slot this tracks (its name and slot name are the key)
   */
  public SlotProgress(DatabaseConfig store, DatabaseConfig db) {
    this.store = store;
    this.db = db;
  }

  /** Records that the slot is acknowledged up to {@code lsn}. */
  public void record(Lsn lsn) {
    try (Connection connection = PostgresStateStore.connect(store)) {
      Sql.update(connection, UPSERT, Sql.values(db.name(), db.slotName(), lsn.toString()));
    } catch (SQLException e) {
      throw new StateStoreException(
          "state store: cannot record slot " + db.slotName() + " at " + lsn + ": " + e.getMessage(),
          e);
    }
  }

  /** The LSN last recorded for the slot; empty when Runnel never used it. */
  public Optional<Lsn> lastAcknowledged() {
    String sql = "SELECT acknowledged_lsn::text FROM runnel.slots WHERE database = ? AND slot = ?";
    try (Connection connection = PostgresStateStore.connect(store)) {
      return Sql.rows(
              connection, sql, Sql.values(db.name(), db.slotName()), row -> row.getString(1))
          .stream()
          .findFirst()
          .map(Lsn::parse);
    } catch (SQLException e) {
      throw new StateStoreException(
          "state store: cannot read slot " + db.slotName() + "'s progress: " + e.getMessage(), e);
    }
  }

  /**
   * A housekeeping task: each run records {@code acknowledged} when it moved since the last
   * recorded one. A failed write is logged and retried next run. Runs on one thread at a time.
   */
  public Runnable recorder(Supplier<Lsn> acknowledged) {
    return new Recorder(acknowledged);
  }

  private final class Recorder implements Runnable {
    private final Supplier<Lsn> acknowledged;
    private Lsn last;

    private Recorder(Supplier<Lsn> acknowledged) {
      this.acknowledged = acknowledged;
    }

    @Override
    public void run() {
      Lsn now = acknowledged.get();
      if (now.equals(last)) {
        return;
      }
      try {
        record(now);
        last = now;
      } catch (StateStoreException e) {
        log.warn("database={} slot={} {}", db.name(), db.slotName(), e.getMessage());
      }
    }
  }
}

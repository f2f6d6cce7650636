package io.runnel.source;

import io.runnel.config.DatabaseAuth;
import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;
import io.runnel.time.Clock;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Decides, after the replication stream failed, whether to reconnect and after how long: transient
 * failures back off from 1 s doubling to 30 s; a slot still held by another connection (a previous
 * holder's walsender that has not noticed its client is gone) is retried every 0.5 s, for up to 90
 * s; a rejected login is retried only when the password rotates (a file, an IAM token); a slot that
 * is gone, or any other permanent failure, is fatal. Not thread-safe: the source's reader thread
 * owns it.
 */
final class Reconnects {
  private static final long FIRST_DELAY_MS = 1000;
  private static final long MAX_DELAY_MS = Duration.ofSeconds(30).toMillis();
  private static final long SLOT_BUSY_RETRY_MS = 500;
  static final Duration SLOT_BUSY_LIMIT = Duration.ofSeconds(90);

  private final DatabaseConfig db;
  private final Clock clock;
  private long delayMs = FIRST_DELAY_MS;
  private boolean slotBusy;
  private long slotBusySince;

  Reconnects(DatabaseConfig db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The stream worked again: the next failure starts the backoff afresh. */
  void streaming() {
    delayMs = FIRST_DELAY_MS;
  }

  /**
   * Why {@code e} is fatal for this database, or null to reconnect after {@link #nextDelayMs}.
   *
   * @param flushed the last LSN acknowledged, named when the slot turns out to be gone
   */
  String fatalReason(Exception e, Lsn flushed) {
    if (e instanceof SQLException sql && Connections.isSlotGone(sql)) {
      String what =
          "42704".equals(sql.getSQLState())
              ? "does not exist (any more)"
              : "was invalidated (" + sql.getMessage() + ")";
      return SlotLoss.of(db, what, flushed).getMessage();
    }
    boolean busyNow = e instanceof SQLException sql && Connections.isSlotInUse(sql);
    if (!busyNow) {
      slotBusy = false;
      boolean retryable =
          e instanceof SourceException se
              ? se.retryable()
              : Connections.isTransient((SQLException) e) || rotatingLogin((SQLException) e);
      return retryable ? null : e.getMessage();
    }
    long now = clock.nanoTime();
    if (!slotBusy) {
      slotBusy = true;
      slotBusySince = now;
    }
    if (now - slotBusySince < SLOT_BUSY_LIMIT.toNanos()) {
      return null;
    }
    return "replication slot \""
        + db.slotName()
        + "\" stayed in use by another connection for "
        + SLOT_BUSY_LIMIT.toSeconds()
        + " s (another Runnel instance?): "
        + e.getMessage()
        + "; stop the other consumer or configure a different slot";
  }

  /**
   * A rejected login (SQLState class 28) while the password comes from a file or an IAM token: the
   * secret may be mid-rotation (the role's password changed before the mounted file was updated, or
   * an IAM change not yet in effect), and the next attempt reads it anew. A static password will
   * not change, so there it stays fatal.
   */
  private boolean rotatingLogin(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("28") && !(db.auth() instanceof DatabaseAuth.Password);
  }

  /** How long to wait before the next attempt; advances the backoff. */
  long nextDelayMs() {
    if (slotBusy) {
      return SLOT_BUSY_RETRY_MS;
    }
    long delay = delayMs;
    delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
    return delay;
  }
}

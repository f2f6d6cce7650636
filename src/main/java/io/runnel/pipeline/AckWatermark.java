package io.runnel.pipeline;

import io.runnel.decode.Lsn;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The LSN the replication slot may be acknowledged up to: the end of the longest run of
 * transactions, in commit order, whose every message (for every sink) is delivered, discarded or
 * parked. It only moves forward.
 *
 * <p>Owned by the replication reader thread: {@link #begin}, {@link #commit} and {@link #advance}
 * must all be called from it. Delivery threads touch only {@link Transaction#release()}.
 */
public final class AckWatermark {
  private final Deque<Transaction> open = new ArrayDeque<>();
  private Lsn flushed;

  public AckWatermark(Lsn start) {
    this.flushed = start;
  }

  /** A transaction starts; its messages {@link Transaction#retain() retain} it. */
  public Transaction begin(Lsn commitLsn) {
    Transaction tx = new Transaction(commitLsn);
    open.addLast(tx);
    return tx;
  }

  /**
   * A transaction of Runnel's own making (a backfill page) at {@code lsn}, whose {@link
   * Transaction#done()} completes when every message is settled.
   */
  public Transaction beginWatched(Lsn lsn) {
    Transaction tx = Transaction.watched(lsn);
    open.addLast(tx);
    return tx;
  }

  /** The transaction's Commit arrived: acknowledging {@code endLsn} covers it. */
  public void commit(Transaction tx, Lsn endLsn) {
    tx.seal(endLsn);
  }

  /**
   * Moves past every finished transaction at the head and returns the new watermark.
   *
   * @param idlePosition when no transaction is open or unfinished, the watermark may move to this
   *     position (the server's last sent WAL position), so an idle slot still advances; null to
   *     skip
   */
  public Lsn advance(Lsn idlePosition) {
    while (!open.isEmpty() && open.peekFirst().isDone()) {
      flushed = Lsn.max(flushed, open.pollFirst().endLsn());
    }
    if (open.isEmpty() && idlePosition != null) {
      flushed = Lsn.max(flushed, idlePosition);
    }
    return flushed;
  }

  public Lsn flushed() {
    return flushed;
  }

  /** Transactions begun and not yet acknowledged. */
  public int openTransactions() {
    return open.size();
  }
}

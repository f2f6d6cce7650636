package io.runnel.decode;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed row change. Immutable.
 *
 * @param newRow the row after the change; for DELETE, null
 * @param oldRow the row before: for UPDATE/DELETE with REPLICA IDENTITY FULL the whole row, with
 *     the default identity only key columns for DELETE (others null) and for UPDATE only when a key
 *     column changed; otherwise null
 * @param commitLsn the transaction's commit record LSN (BEGIN's final_lsn)
 * @param commitIdx 0-based position of this change in its transaction
 * @param transactionAnnotations JSON text set by {@code pg_logical_emit_message} earlier in the
 *     transaction, or null
 */
public record Change(
    Action action,
    Relation relation,
    Tuple newRow,
    Tuple oldRow,
    Lsn commitLsn,
    int commitIdx,
    Instant commitTimestamp,
    long xid,
    String transactionAnnotations) {
  public Change {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(commitLsn, "commitLsn");
    Objects.requireNonNull(commitTimestamp, "commitTimestamp");
    if (action == Action.DELETE ? oldRow == null : newRow == null) {
      throw new IllegalArgumentException(action + " change without its row");
    }
  }

  public TableId table() {
    return relation.table();
  }

  /** The row the message's {@code record} shows: the new row, or for a delete the old one. */
  public Tuple record() {
    return action == Action.DELETE ? oldRow : newRow;
  }
}

package io.runnel.decode;

import java.time.Instant;

/** What the decoder makes of one pgoutput message. Immutable values. */
public sealed interface WalEvent {

  /** A transaction starts; its changes follow, then its {@link Commit}. */
  record Begin(Lsn commitLsn, Instant commitTimestamp, long xid) implements WalEvent {}

  /** A row change inside the current transaction. */
  record RowChange(Change change) implements WalEvent {}

  /**
   * The current transaction ended. Acknowledging {@code endLsn} tells the server the transaction
   * was fully processed, so it is never sent again.
   */
  record Commit(Lsn commitLsn, Lsn endLsn, Instant commitTimestamp) implements WalEvent {}

  /**
   * A backfill watermark: a non-transactional logical message with prefix {@link #PREFIX} that
   * Runnel wrote itself, at WAL position {@code lsn}. Arrives between transactions.
   */
  record Watermark(String content, Lsn lsn) implements WalEvent {
    public static final String PREFIX = "runnel:backfill_watermark";
  }

  /** A message Runnel reads but that produces nothing (Relation, Type, Origin, Truncate, …). */
  record Skipped(String what) implements WalEvent {}
}

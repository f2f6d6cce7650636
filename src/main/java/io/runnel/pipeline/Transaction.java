package io.runnel.pipeline;

import io.runnel.decode.Lsn;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One source transaction as the ack watermark sees it: how many of its messages are still
 * undelivered, and (once its Commit arrived) the LSN that acknowledges it.
 *
 * <p>{@link #retain()} and {@link #seal} are called by the replication reader thread; {@link
 * #release()} by any delivery thread.
 */
public final class Transaction {
  private final Lsn commitLsn;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Lsn endLsn;

  Transaction(Lsn commitLsn) {
    this.commitLsn = commitLsn;
  }

  /** A transaction no watermark waits on: for messages redelivered from the state store. */
  static Transaction detached() {
    return new Transaction(Lsn.ZERO);
  }

  public Lsn commitLsn() {
    return commitLsn;
  }

  /** One more message of this transaction is on its way to a sink. */
  public void retain() {
    pending.incrementAndGet();
  }

  /** A message of this transaction was delivered, discarded or durably parked. */
  public void release() {
    if (pending.decrementAndGet() < 0) {
      throw new IllegalStateException("transaction " + commitLsn + " released more than retained");
    }
  }

  void seal(Lsn endLsn) {
    this.endLsn = endLsn;
  }

  boolean isDone() {
    return endLsn != null && pending.get() == 0;
  }

  Lsn endLsn() {
    return endLsn;
  }

  @Override
  public String toString() {
    return "Transaction[commitLsn="
        + commitLsn
        + ", endLsn="
        + endLsn
        + ", pending="
        + pending
        + "]";
  }
}

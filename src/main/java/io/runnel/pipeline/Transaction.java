package io.runnel.pipeline;

import io.runnel.decode.Lsn;
import java.util.concurrent.CompletableFuture;
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
  private final CompletableFuture<Void> done;

  Transaction(Lsn commitLsn) {
    this(commitLsn, null);
  }

  private Transaction(Lsn commitLsn, CompletableFuture<Void> done) {
    this.commitLsn = commitLsn;
    this.done = done;
  }

  /** A transaction whose {@link #done()} future completes once every message is settled. */
  static Transaction watched(Lsn commitLsn) {
    return new Transaction(commitLsn, new CompletableFuture<>());
  }

  /**
   * Completes once sealed and every message is delivered, discarded or parked; null unless made by
   * {@link #watched}.
   */
  public CompletableFuture<Void> done() {
    return done;
  }

  /** A transaction no watermark waits on: for messages redelivered from the state store. */
  public static Transaction detached() {
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
    int left = pending.decrementAndGet();
    if (left < 0) {
      throw new IllegalStateException("transaction " + commitLsn + " released more than retained");
    }
    if (left == 0) {
      completeIfDone();
    }
  }

  void seal(Lsn endLsn) {
    this.endLsn = endLsn;
    completeIfDone();
  }

  private void completeIfDone() {
    if (done != null && isDone()) {
      done.complete(null);
    }
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

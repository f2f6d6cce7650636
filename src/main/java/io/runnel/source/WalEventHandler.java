package io.runnel.source;

import io.runnel.decode.Lsn;
import io.runnel.decode.WalEvent;

/**
 * Receives a database's decoded WAL events and says how far the slot may be acknowledged. Called
 * only on the replication reader thread.
 */
public interface WalEventHandler {

  /**
   * Takes one event. May block while sinks are full; it then calls {@code keepAlive} at least every
   * few seconds so the server does not drop the connection.
   */
  void handle(WalEvent event, Runnable keepAlive) throws InterruptedException;

  /**
   * The LSN every change at or below which is settled for every sink.
   *
   * @param serverPosition the server's last reported WAL position; the handler may return it when
   *     nothing is outstanding, so an idle slot advances
   */
  Lsn acknowledgeable(Lsn serverPosition);

  /** Whether a transaction has begun and its Commit not yet arrived. */
  boolean inTransaction();

  /**
   * Reading has stopped for good: finish work in flight (bounded in time) so the last
   * acknowledgement covers as much as possible.
   */
  void drain() throws InterruptedException;
}

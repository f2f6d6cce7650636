package io.runnel.pipeline;

import io.runnel.decode.Change;
import io.runnel.decode.Lsn;
import io.runnel.decode.WalEvent;
import io.runnel.source.WalEventHandler;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each change of one database to every sink that wants it, and tracks the transactions behind
 * those messages in the {@link AckWatermark}. Runs on the replication reader thread.
 */
public final class ChangeFanout implements WalEventHandler {
  private static final Logger log = LoggerFactory.getLogger(ChangeFanout.class);
  private static final Duration OFFER_WAIT = Duration.ofSeconds(1);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

  private final String databaseName;
  private final List<SinkRoute> routes;
  private final AckWatermark watermark;
  private Transaction current;

  public ChangeFanout(String databaseName, List<SinkRoute> routes, Lsn start) {
    this.databaseName = databaseName;
    this.routes = List.copyOf(routes);
    this.watermark = new AckWatermark(start);
  }

  @Override
  public void handle(WalEvent event, Runnable keepAlive) throws InterruptedException {
    switch (event) {
      case WalEvent.Begin begin -> current = watermark.begin(begin.commitLsn());
      case WalEvent.RowChange row -> fanOut(inTransaction(event), row.change(), keepAlive);
      case WalEvent.Commit commit -> {
        watermark.commit(inTransaction(event), commit.endLsn());
        current = null;
      }
      case WalEvent.Skipped skipped ->
          log.debug("database={} skipped {}", databaseName, skipped.what());
    }
  }

  private Transaction inTransaction(WalEvent event) {
    if (current == null) {
      throw new IllegalStateException(event + " outside a transaction");
    }
    return current;
  }

  private void fanOut(Transaction tx, Change change, Runnable keepAlive)
      throws InterruptedException {
    for (SinkRoute route : routes) {
      if (!route.accepts(change)) {
        continue;
      }
      OutboundMessage message = route.message(change, tx);
      if (message == null) {
        continue; // dropped by the sink's filter; its transaction settles without it
      }
      while (!route.worker().offer(message, OFFER_WAIT)) {
        route.worker().relieveMemory();
        keepAlive.run();
      }
    }
  }

  @Override
  public Lsn acknowledgeable(Lsn serverPosition) {
    return watermark.advance(current == null ? serverPosition : null);
  }

  @Override
  public boolean inTransaction() {
    return current != null;
  }

  @Override
  public void drain() throws InterruptedException {
    for (SinkRoute route : routes) {
      route.worker().stop(DRAIN_TIMEOUT);
    }
  }
}

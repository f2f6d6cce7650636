package io.runnel.pipeline;

import io.runnel.backfill.BackfillWindows;
import io.runnel.decode.Action;
import io.runnel.decode.Change;
import io.runnel.decode.Lsn;
import io.runnel.decode.Tuple;
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
  private final BackfillWindows backfills;
  private Transaction current;

  public ChangeFanout(
      String databaseName, List<SinkRoute> routes, Lsn start, BackfillWindows backfills) {
    this.databaseName = databaseName;
    this.routes = List.copyOf(routes);
    this.watermark = new AckWatermark(start);
    this.backfills = backfills;
  }

  @Override
  public void handle(WalEvent event, Runnable keepAlive) throws InterruptedException {
    switch (event) {
      case WalEvent.Begin begin -> current = watermark.begin(begin.commitLsn());
      case WalEvent.RowChange row -> {
        backfills.onChange(row.change());
        fanOut(inTransaction(event), row.change(), keepAlive);
      }
      case WalEvent.Commit commit -> {
        watermark.commit(inTransaction(event), commit.endLsn());
        current = null;
      }
      case WalEvent.Watermark mark -> {
        BackfillWindows.Window due = backfills.onWatermark(mark);
        if (due != null) {
          sendPage(due, mark.lsn(), keepAlive);
        }
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
      offer(route, route.message(change, null, tx), keepAlive);
    }
  }

  /** Hands the message to the route's sink; null (its filter dropped the change) is skipped. */
  private static void offer(SinkRoute route, OutboundMessage message, Runnable keepAlive)
      throws InterruptedException {
    if (message == null) {
      return; // its transaction settles without it
    }
    while (!route.inbox().offer(message, OFFER_WAIT)) {
      route.inbox().relieveMemory();
      keepAlive.run();
    }
  }

  /**
   * Sends a backfill page's unchanged rows as {@code read} messages, in a transaction of their own
   * at the high watermark's position.
   */
  private void sendPage(BackfillWindows.Window window, Lsn lsn, Runnable keepAlive)
      throws InterruptedException {
    SinkRoute route = routeOf(window.sinkName());
    BackfillWindows.Page page = window.page();
    if (route == null || page == null) {
      window.fail(route == null ? "sink " + window.sinkName() + " is not running" : "no page");
      return;
    }
    Transaction tx = watermark.beginWatched(lsn);
    List<Tuple> rows = window.unchangedRows();
    for (int i = 0; i < rows.size(); i++) {
      Change read =
          new Change(
              Action.READ, page.relation(), rows.get(i), null, lsn, i, page.readAt(), 0, null);
      offer(route, route.message(read, window.backfillId(), tx), keepAlive);
    }
    watermark.commit(tx, lsn);
    tx.done().thenRun(() -> window.settle(rows.size()));
  }

  private SinkRoute routeOf(String sinkName) {
    for (SinkRoute route : routes) {
      if (route.inbox().sinkName().equals(sinkName)) {
        return route;
      }
    }
    return null;
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
      route.inbox().stop(DRAIN_TIMEOUT);
    }
  }
}

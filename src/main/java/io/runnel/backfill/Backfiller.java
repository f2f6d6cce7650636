package io.runnel.backfill;

import io.runnel.config.DatabaseConfig;
import io.runnel.config.SinkConfig;
import io.runnel.decode.Relation;
import io.runnel.decode.TableId;
import io.runnel.decode.Tuple;
import io.runnel.source.SourceException;
import io.runnel.state.Backfill;
import io.runnel.state.BackfillStore;
import io.runnel.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one database's backfills, one at a time, on its own thread: page by page in primary-key
 * order, each page placed in the change stream by {@link BackfillWindows}, and the cursor saved
 * once the page is settled. A restart resumes a running backfill after its last saved page, so a
 * page may be sent twice (at-least-once), with the same idempotency keys.
 *
 * <p>{@link #submit} and {@link #close} are safe from any thread.
 */
public final class Backfiller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Backfiller.class);
  private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

  /** Rows read per page: one page is held in memory and sent as one unit. */
  static final int PAGE_ROWS = 1000;

  private final DatabaseConfig db;
  private final BackfillWindows windows;
  private final BackfillStore store;
  private final Clock clock;
  private final LinkedBlockingQueue<Backfill> queue = new LinkedBlockingQueue<>();
  private final AtomicLong marks = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  /** Starts the runner and queues the given sinks' backfills that a previous run left running. */
  public static Backfiller start(
      DatabaseConfig db,
      BackfillWindows windows,
      BackfillStore store,
      List<String> sinks,
      Clock clock) {
    Backfiller backfiller = new Backfiller(db, windows, store, clock);
    for (Backfill backfill : store.list(null).reversed()) {
      if (backfill.state() == Backfill.State.RUNNING && sinks.contains(backfill.sink())) {
        log.info(
            "sink={} resuming backfill {} of {} after {} rows",
            backfill.sink(),
            backfill.id(),
            backfill.table(),
            backfill.rowsRead());
        backfiller.queue.add(backfill);
      }
    }
    backfiller.thread.start();
    return backfiller;
  }

  private Backfiller(DatabaseConfig db, BackfillWindows windows, BackfillStore store, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.windows = windows;
    this.store = store;
    this.thread = Thread.ofPlatform().name("runnel-backfill-" + db.name()).unstarted(this::run);
  }

  /**
   * Checks that {@code sink} streams the table and that it exists and has a primary key, then
   * records a new backfill and queues it. Blocks on a catalog query and the state store.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code tableName}
   */
  public Backfill submit(SinkConfig sink, String tableName) {
    TableId table = TableId.parse(tableName);
    if (!sink.streams(table)) {
      throw new IllegalArgumentException("sink " + sink.name() + " does not stream table " + table);
    }
    try (TableReader reader = TableReader.open(db)) {
      if (!reader.describe(table).hasPrimaryKey()) {
        throw new IllegalArgumentException(
            "table " + table + " has no primary key; a backfill pages through it by key");
      }
      Instant now = clock.instant();
      Backfill backfill =
          new Backfill(
              UUID.randomUUID().toString(),
              sink.name(),
              table.toString(),
              Backfill.State.RUNNING,
              null,
              0,
              reader.estimatedRows(table),
              null,
              now,
              now);
      queue(backfill);
      return backfill;
    } catch (SourceException e) {
      if (e.retryable()) {
        throw e;
      }
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The sink's backfills, newest first. Blocks on the state store. */
  public List<Backfill> list(String sink) {
    return store.list(sink);
  }

  private void queue(Backfill backfill) {
    store.save(backfill);
    queue.add(backfill);
    log.info(
        "sink={} backfill {} of {} queued ({} rows estimated)",
        backfill.sink(),
        backfill.id(),
        backfill.table(),
        backfill.rowsEstimated());
  }

  private void run() {
    while (running) {
      try {
        Backfill next = queue.poll(1, TimeUnit.SECONDS);
        if (next != null) {
          runToEnd(next);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Pages through the table; transient failures are retried with backoff, others fail it. */
  private void runToEnd(Backfill backfill) throws InterruptedException {
    long delayMs = 1000;
    while (running && backfill.state() == Backfill.State.RUNNING) {
      try (TableReader reader = TableReader.open(db)) {
        while (running && backfill.state() == Backfill.State.RUNNING) {
          backfill = nextPage(reader, backfill);
          delayMs = 1000;
        }
      } catch (SourceException e) {
        if (!e.retryable()) {
          backfill = fail(backfill, e.getMessage());
          break;
        }
        log.warn(
            "sink={} backfill {}: {}; retrying in {} ms",
            backfill.sink(),
            backfill.id(),
            e.getMessage(),
            delayMs);
        TimeUnit.MILLISECONDS.sleep(delayMs);
        delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY.toMillis());
      } catch (ExecutionException e) {
        backfill = fail(backfill, e.getCause().getMessage());
      }
    }
  }

  /** Reads, sends and settles one page; returns the backfill after it. */
  private Backfill nextPage(TableReader reader, Backfill backfill)
      throws InterruptedException, ExecutionException {
    TableId table = TableId.parse(backfill.table());
    Relation relation = reader.describe(table);
    if (!relation.hasPrimaryKey()) {
      return fail(backfill, "table " + table + " has no primary key to page through");
    }
    String mark = backfill.id() + "/" + marks.incrementAndGet();
    BackfillWindows.Window window = windows.open(mark, backfill.sink(), backfill.id(), table);
    try {
      reader.writeWatermark(BackfillWindows.low(mark));
      List<Tuple> rows = reader.readPage(relation, backfill.cursor(), PAGE_ROWS);
      window.fill(relation, rows, clock.instant());
      reader.writeWatermark(BackfillWindows.high(mark));
      if (!awaitSettled(window)) {
        return backfill;
      }
      log.debug(
          "sink={} backfill {}: {} rows read after {}, {} sent",
          backfill.sink(),
          backfill.id(),
          rows.size(),
          backfill.cursor(),
          window.settled().join());
      Backfill after =
          rows.isEmpty()
              ? backfill
              : backfill.advanced(
                  rows.size(), key(relation, rows.get(rows.size() - 1)), clock.instant());
      if (rows.size() < PAGE_ROWS) {
        after = after.finished(clock.instant());
        log.info(
            "sink={} backfill {} of {} done: {} rows read",
            after.sink(),
            after.id(),
            after.table(),
            after.rowsRead());
      }
      store.save(after);
      return after;
    } finally {
      windows.close(window);
    }
  }

  /** Waits for the page to be settled; false when stopping first. */
  private boolean awaitSettled(BackfillWindows.Window window)
      throws InterruptedException, ExecutionException {
    while (running) {
      try {
        window.settled().get(1, TimeUnit.SECONDS);
        return true;
      } catch (TimeoutException e) {
        // still on its way through the stream; check for a stop and wait on
      }
    }
    return false;
  }

  private Backfill fail(Backfill backfill, String error) {
    log.warn("sink={} backfill {} failed: {}", backfill.sink(), backfill.id(), error);
    Backfill failed = backfill.failed(error, clock.instant());
    store.save(failed);
    return failed;
  }

  private static List<String> key(Relation relation, Tuple row) {
    List<String> key = new ArrayList<>();
    for (int column : relation.primaryKey()) {
      key.add(row.text(column));
    }
    return key;
  }

  /** Stops after the current page; a running backfill resumes at the next start. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

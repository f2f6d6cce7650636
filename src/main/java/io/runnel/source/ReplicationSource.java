package io.runnel.source;

import io.runnel.config.DatabaseConfig;
import io.runnel.decode.Lsn;
import io.runnel.decode.PgOutputDecoder;
import io.runnel.decode.WalEvent;
import io.runnel.time.Clock;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one database's replication slot ({@link SlotStream}) on its own thread, hands decoded
 * events to a {@link WalEventHandler}, and acknowledges the slot only as far as the handler allows.
 * Reconnects with backoff after connection failures, resuming after the last transaction it
 * received.
 *
 * <p>{@link #start}, {@link #stop} and the status getters are safe from any thread.
 */
public final class ReplicationSource {
  private static final Logger log = LoggerFactory.getLogger(ReplicationSource.class);

  /**
   * How long the reader sleeps when the server has sent nothing: from {@code MIN_IDLE_PARK_NANOS}
   * right after a message, doubling up to {@code IDLE_PARK_NANOS} while the stream stays quiet. A
   * fixed 5 ms let the walsender fill the socket and stall behind a sleeping reader.
   */
  private static final long MIN_IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long ACK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * While idle, a status update is written at least this often. A server that went away without a
   * word (restart, failover, network cut) is noticed only when Runnel writes to the socket; the
   * server's own keepalives are 30 s apart by default.
   */
  private static final long IDLE_PROBE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final long FINISH_TRANSACTION_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final DatabaseConfig db;
  private final Lsn startLsn;
  private final WalEventHandler handler;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean abandoned;
  private volatile SourceState state = SourceState.STARTING;
  private volatile String lastError;
  private volatile Lsn flushedLsn;
  private Lsn resumeLsn;
  private long stopDeadline;
  private boolean reachedStreaming;

  /** Lifecycle of the replication connection, for /health. */
  public enum SourceState {
    STARTING,
    STREAMING,
    RECONNECTING,
    FAILED,
    STOPPED
  }

  public ReplicationSource(DatabaseConfig db, Lsn startLsn, WalEventHandler handler, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.startLsn = startLsn;
    this.resumeLsn = startLsn;
    this.flushedLsn = startLsn;
    this.handler = handler;
    this.thread = Thread.ofPlatform().name("runnel-source-" + db.name()).unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  public SourceState state() {
    return state;
  }

  /** Null while healthy. */
  public String lastError() {
    return lastError;
  }

  /** The LSN last acknowledged to the server. */
  public Lsn flushedLsn() {
    return flushedLsn;
  }

  private void run() {
    Reconnects reconnects = new Reconnects(db, clock);
    while (running) {
      try {
        stream();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (SQLException | SourceException e) {
        if (!running) {
          break;
        }
        if (reachedStreaming) {
          reachedStreaming = false;
          reconnects.streaming();
        }
        lastError = e.getMessage();
        String fatal = reconnects.fatalReason(e, flushedLsn);
        if (fatal != null) {
          log.error(
              "database={} slot={} replication failed and will not be retried: {}",
              db.name(),
              db.slotName(),
              fatal);
          lastError = fatal;
          state = SourceState.FAILED;
          return;
        }
        state = SourceState.RECONNECTING;
        long waitMs = reconnects.nextDelayMs();
        log.warn(
            "database={} slot={} replication interrupted, reconnecting in {} ms: {}",
            db.name(),
            db.slotName(),
            waitMs,
            e.getMessage());
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(waitMs));
      }
    }
    state = SourceState.STOPPED;
  }

  private void stream() throws SQLException, InterruptedException {
    try (Connection catalogConnection = Connections.open(db);
        Connection connection = Connections.openReplication(db)) {
      SlotStream stream = SlotStream.start(connection, db, resumeLsn);
      state = SourceState.STREAMING;
      reachedStreaming = true;
      lastError = null;
      log.info("database={} slot={} streaming from {}", db.name(), db.slotName(), resumeLsn);
      PgOutputDecoder decoder = new PgOutputDecoder(new JdbcRelationCatalog(catalogConnection));
      readUntilStopped(stream, decoder);
      if (abandoned) {
        state = SourceState.STOPPED; // before the connection closes and the slot is free
        log.warn(
            "database={} slot={} abandoned without a last acknowledgement; flushed {}",
            db.name(),
            db.slotName(),
            flushedLsn);
        return;
      }
      handler.drain();
      acknowledge(stream);
      stream.close();
      log.info(
          "database={} slot={} stopped; acknowledged up to {}",
          db.name(),
          db.slotName(),
          flushedLsn);
    }
  }

  private void readUntilStopped(SlotStream stream, PgOutputDecoder decoder)
      throws SQLException, InterruptedException {
    KeepAlive keepAlive = new KeepAlive(stream);
    long lastAck = clock.nanoTime();
    long lastProbe = lastAck;
    long idlePark = MIN_IDLE_PARK_NANOS;
    while (running || finishingTransaction()) {
      ByteBuffer message = stream.readPending();
      if (message == null) {
        long now = clock.nanoTime();
        if (now - lastAck >= IDLE_PARK_NANOS) {
          acknowledge(stream);
          lastAck = now;
        }
        if (now - lastProbe > IDLE_PROBE_NANOS) {
          stream.probe();
          lastProbe = now;
        }
        LockSupport.parkNanos(idlePark);
        idlePark = Math.min(idlePark * 2, IDLE_PARK_NANOS);
        continue;
      }
      idlePark = MIN_IDLE_PARK_NANOS;
      WalEvent event = decoder.decode(message, stream.lastReceived());
      handler.handle(event, keepAlive);
      if (event instanceof WalEvent.Commit commit) {
        resumeLsn = commit.endLsn();
      }
      if (clock.nanoTime() - lastAck > ACK_EVERY_NANOS) {
        acknowledge(stream);
        lastAck = clock.nanoTime();
      }
    }
  }

  /**
   * After a stop request, reading goes on to the end of the current transaction (for a bounded
   * time), so a clean stop acknowledges whole transactions and a restart sends nothing twice.
   */
  private boolean finishingTransaction() {
    if (abandoned || !handler.inTransaction()) {
      return false;
    }
    if (stopDeadline == 0) {
      stopDeadline = clock.nanoTime() + FINISH_TRANSACTION_NANOS;
    }
    return clock.nanoTime() - stopDeadline < 0;
  }

  private void acknowledge(SlotStream stream) throws SQLException {
    if (abandoned) {
      return;
    }
    Lsn lsn = handler.acknowledgeable(stream.lastReceived());
    if (lsn.isAfter(flushedLsn)) {
      stream.confirm(lsn);
      flushedLsn = lsn;
      log.debug("database={} slot={} acknowledged {}", db.name(), db.slotName(), lsn);
    }
  }

  /**
   * Stops reading, sends a last acknowledgement, and closes the connection. Blocks up to {@code
   * timeout}.
   */
  public void stop(Duration timeout) throws InterruptedException {
    running = false;
    thread.join(timeout.toMillis());
    if (thread.isAlive()) {
      thread.interrupt();
      thread.join(1000);
    }
    state = SourceState.STOPPED;
  }

  /**
   * Stops at once without acknowledging anything more: this instance no longer holds the slot's
   * lease, so what it has not acknowledged yet belongs to the next holder. Closes the connection
   * (ending the walsender, which frees the slot). Blocks up to a few seconds.
   */
  public void abort() throws InterruptedException {
    abandoned = true;
    running = false;
    thread.interrupt();
    thread.join(5000);
    state = SourceState.STOPPED;
  }

  /** Sends a status update while the handler waits for room, at most every few seconds. */
  private final class KeepAlive implements Runnable {
    private final SlotStream stream;
    private long last = clock.nanoTime();

    KeepAlive(SlotStream stream) {
      this.stream = stream;
    }

    @Override
    public void run() {
      if (clock.nanoTime() - last < TimeUnit.SECONDS.toNanos(5)) {
        return;
      }
      last = clock.nanoTime();
      try {
        acknowledge(stream);
        stream.probe();
      } catch (SQLException e) {
        throw new SourceException(
            "database " + db.name() + ": keepalive failed: " + e.getMessage(), true, e);
      }
    }
  }

  @Override
  public String toString() {
    return "ReplicationSource[database="
        + db.name()
        + ", slot="
        + db.slotName()
        + ", start="
        + startLsn
        + ", state="
        + state
        + "]";
  }
}

package io.runnel.ha;

import io.runnel.time.Clock;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's role for one database: {@code standby}, or {@code active} while it holds the
 * database's {@link SlotLease} and runs its pipeline.
 *
 * <p>Design: every instance of one config keeps a role per database and calls {@link #tick} once a
 * second. A standby tries to take the lease; the one that gets it starts the pipeline, which
 * resumes from the slot's confirmed flush LSN. The holder checks on each tick that its lease
 * connection still answers; the moment it does not, the lease may already be someone else's, so the
 * pipeline is aborted — no further acknowledgement, no final drain — and the role goes back to
 * standby. Two holders can therefore overlap only for the moments until the old one notices, during
 * which PostgreSQL itself refuses the second walsender on the slot ("slot is active"), and the new
 * holder retries until the old walsender is gone.
 *
 * <p>Thread-safe: {@link #start}, {@link #tick}, {@link #stepDown} and {@link #close} run one at a
 * time (they block while a pipeline starts or stops); the getters never block.
 */
public final class DatabaseRole<P extends DatabaseRole.Streaming> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DatabaseRole.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final long MAX_START_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** The work an active role runs. */
  public interface Streaming {
    /** Stops cleanly: finishes batches in flight and acknowledges them. Blocks. */
    void stop(Duration timeout) throws InterruptedException;

    /** Stops at once without acknowledging anything more. Blocks briefly. */
    void abort();
  }

  private final String database;
  private final SlotLease lease;
  private final Supplier<P> starter;
  private final Clock clock;
  private volatile P pipeline;
  private volatile String holder;
  private volatile String lastError;
  private int failedStarts;
  private long nextStartNanos;

  public DatabaseRole(String database, SlotLease lease, Supplier<P> starter, Clock clock) {
    this.database = database;
    this.lease = lease;
    this.starter = starter;
    this.clock = clock;
  }

  /**
   * The first attempt, at startup: failures propagate, as they did before leases existed (a missing
   * publication or an unreachable queue stops {@code runnel run} at once). Blocks.
   */
  public synchronized void start() {
    boolean acquired;
    try {
      acquired = lease.tryAcquire();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "database "
              + database
              + ": cannot reach the state store to take the lease: "
              + e.getMessage(),
          e);
    }
    if (!acquired) {
      standBy();
      return;
    }
    try {
      pipeline = starter.get();
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** One step: a standby tries to take over; the holder checks its lease. Never throws. */
  synchronized void tick() {
    if (pipeline != null) {
      if (!lease.held()) {
        log.error(
            "database={} lease lost (state store connection gone): stopping streaming at once",
            database);
        lastError = "lease lost: the state store connection holding it broke";
        abort();
      }
      return;
    }
    if (clock.nanoTime() - nextStartNanos < 0) {
      return;
    }
    try {
      if (lease.tryAcquire()) {
        takeOver();
      } else {
        standBy();
      }
    } catch (SQLException e) {
      lastError = "cannot reach the state store: " + e.getMessage();
      log.debug("database={} standby: {}", database, lastError);
    }
  }

  private void takeOver() {
    log.info("database={} taking over: starting the pipeline", database);
    holder = null; // this instance, or, should the start fail, no one
    try {
      pipeline = starter.get();
      failedStarts = 0;
      lastError = null;
    } catch (RuntimeException e) {
      lease.close();
      failedStarts++;
      long backoff =
          Math.min(
              TimeUnit.SECONDS.toNanos(1L << Math.min(failedStarts, 5)), MAX_START_BACKOFF_NANOS);
      nextStartNanos = clock.nanoTime() + backoff;
      lastError = e.getMessage();
      log.error(
          "database={} could not start after taking the lease (attempt {}), retrying in {} s: {}",
          database,
          failedStarts,
          TimeUnit.NANOSECONDS.toSeconds(backoff),
          e.getMessage());
    }
  }

  /** The lease is someone else's: they stream, so an earlier failure here no longer matters. */
  private void standBy() {
    String current = lease.holder();
    if (current != null && !current.equals(holder)) {
      log.info("database={} standby; held by instance {}", database, current);
    }
    holder = current;
    if (current != null) {
      lastError = null;
    }
  }

  private void abort() {
    P running = pipeline;
    pipeline = null;
    holder = null;
    try {
      running.abort();
    } finally {
      lease.close();
    }
  }

  /**
   * Gives the database up cleanly (finishing and acknowledging batches in flight), so another
   * instance takes it; this one does not try again for {@code pause}. Blocks.
   */
  synchronized void stepDown(Duration pause) throws InterruptedException {
    P running = pipeline;
    if (running == null) {
      return;
    }
    log.info("database={} stepping down so another instance takes it", database);
    pipeline = null;
    running.stop(STOP_TIMEOUT);
    lease.close();
    nextStartNanos = clock.nanoTime() + pause.toNanos();
  }

  /** The instances seen on this database's state store; see {@link SlotLease#instances}. */
  synchronized Set<String> instances() {
    return lease.instances();
  }

  public String database() {
    return database;
  }

  /** The running pipeline, or null on standby. */
  public P pipeline() {
    return pipeline;
  }

  public boolean active() {
    return pipeline != null;
  }

  /** The instance id holding the lease as last seen on standby; null when unknown or free. */
  public String holder() {
    return holder;
  }

  /** Why the last takeover failed or the lease was lost; null when fine. */
  public String lastError() {
    return lastError;
  }

  /** Stops the pipeline cleanly (when active) and releases the lease. Blocks. */
  @Override
  public synchronized void close() {
    P running = pipeline;
    pipeline = null;
    try {
      if (running != null) {
        running.stop(STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lease.close();
    }
  }
}

package io.runnel.ha;

import io.runnel.config.DatabaseConfig;
import java.sql.SQLException;
import java.util.Set;

/**
 * The right to stream one database's slot: at most one Runnel instance holds it at a time. Held for
 * as long as the connection that took it lives, so it is released when the holder dies or loses
 * that connection. Not thread-safe: one thread (the database's role keeper) uses it.
 */
public interface SlotLease extends AutoCloseable {

  /**
   * Takes the lease if no one holds it. Blocks on the state store.
   *
   * @return true when this instance holds it now (also when it already did)
   * @throws SQLException when the state store cannot be reached
   */
  boolean tryAcquire() throws SQLException;

  /** Whether the lease is still held: its connection answered within a short timeout. Blocks. */
  boolean held();

  /** The instance id of the current holder; null when no one holds it or it cannot be read. */
  String holder();

  /**
   * The ids of the Runnel instances connected to this lease's state store (holders and standbys
   * alike, each keeps its lease connection open); empty when it cannot be read. Blocks.
   */
  Set<String> instances();

  /** Gives the lease up (another instance may take it at once); keeps nothing open. */
  @Override
  void close();

  /**
   * A session-level {@code pg_try_advisory_lock} on the state store {@code store}, keyed by the
   * database's name and slot ({@link AdvisoryLockLease#key}), on a dedicated connection whose
   * {@code application_name} names the instance, so others can tell who holds it.
   */
  static SlotLease advisoryLock(DatabaseConfig store, DatabaseConfig db, String instanceId) {
    return new AdvisoryLockLease(store, db, instanceId);
  }
}

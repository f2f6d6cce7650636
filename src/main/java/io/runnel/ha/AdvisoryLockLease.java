package io.runnel.ha;

import io.runnel.config.DatabaseConfig;
import io.runnel.jdbc.PgConnections;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SlotLease} as a session-level advisory lock. The lock lives exactly as long as the server
 * session: a killed holder's socket closes, the server ends the session and releases the lock. A
 * holder that cannot reach the server any more cannot tell whether the server has ended its session
 * yet, so it must stop streaming as soon as {@link #held} says false.
 */
final class AdvisoryLockLease implements SlotLease {
  private static final Logger log = LoggerFactory.getLogger(AdvisoryLockLease.class);

  /** Marks lease connections in {@code pg_stat_activity}: the prefix, then the instance id. */
  static final String APPLICATION_PREFIX = "runnel:";

  private static final int LIVENESS_TIMEOUT_SECONDS = 2;
  private static final String HOLDER =
      """
      SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND ((l.classid::bigint << 32) | l.objid::bigint) = ?""";

  private final DatabaseConfig store;
  private final DatabaseConfig db;
  private final String instanceId;
  private final long key;
  private Connection connection;
  private boolean held;

  AdvisoryLockLease(DatabaseConfig store, DatabaseConfig db, String instanceId) {
    this.store = store;
    this.db = db;
    this.instanceId = instanceId;
    this.key = key(db.name(), db.slotName());
  }

  /**
   * The lock key: the first 8 bytes of SHA-256 over the database's name and slot. Two configs
   * naming the same database and slot get the same key, and so exclude each other.
   */
  static long key(String database, String slot) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("runnel\0" + database + "\0" + slot).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean tryAcquire() throws SQLException {
    if (held) {
      return true;
    }
    try (PreparedStatement lock = connection().prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, key);
      try (ResultSet rows = lock.executeQuery()) {
        rows.next();
        held = rows.getBoolean(1);
      }
    } catch (SQLException e) {
      closeConnection();
      throw e;
    }
    if (held) {
      log.info(
          "database={} slot={} lease taken by instance {} (advisory lock {} on the state store)",
          db.name(),
          db.slotName(),
          instanceId,
          key);
    }
    return held;
  }

  @Override
  public boolean held() {
    try {
      if (held && connection.isValid(LIVENESS_TIMEOUT_SECONDS)) {
        return true;
      }
    } catch (SQLException e) {
      log.debug("database={} lease check failed: {}", db.name(), e.getMessage());
    }
    if (held) {
      log.warn(
          "database={} slot={} lease lost: the state store connection holding lock {} broke or did not"
              + " answer within {} s",
          db.name(),
          db.slotName(),
          key,
          LIVENESS_TIMEOUT_SECONDS);
      held = false;
      closeConnection();
    }
    return false;
  }

  @Override
  public String holder() {
    if (held) {
      return instanceId;
    }
    try (PreparedStatement query = connection().prepareStatement(HOLDER)) {
      query.setLong(1, key);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        String name = rows.getString(1);
        return name != null && name.startsWith(APPLICATION_PREFIX)
            ? name.substring(APPLICATION_PREFIX.length())
            : name;
      }
    } catch (SQLException e) {
      closeConnection();
      return null;
    }
  }

  @Override
  public Set<String> instances() {
    Set<String> ids = new TreeSet<>();
    String sql =
        "SELECT DISTINCT application_name FROM pg_stat_activity WHERE application_name LIKE ?";
    try (PreparedStatement query = connection().prepareStatement(sql)) {
      query.setString(1, APPLICATION_PREFIX + "%");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1).substring(APPLICATION_PREFIX.length()));
        }
      }
    } catch (SQLException e) {
      log.debug("database={} cannot list instances: {}", db.name(), e.getMessage());
      if (!held) {
        closeConnection();
      }
    }
    return ids;
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = PgConnections.open(store, APPLICATION_PREFIX + instanceId);
    }
    return connection;
  }

  /**
   * Unlocks before closing: the server frees a closed session's locks only once it notices the
   * session ended, so an instance taking over right after a clean stop could still find it held.
   */
  @Override
  public void close() {
    if (held) {
      unlock();
      log.info(
          "database={} slot={} lease released by instance {}",
          db.name(),
          db.slotName(),
          instanceId);
    }
    held = false;
    closeConnection();
  }

  private void unlock() {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, key);
      unlock.execute();
    } catch (SQLException e) {
      log.debug("database={} unlocking lease {}: {}", db.name(), key, e.getMessage());
    }
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("database={} closing the lease connection: {}", db.name(), e.getMessage());
    }
    connection = null;
  }
}

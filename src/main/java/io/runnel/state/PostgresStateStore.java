package io.runnel.state;

import io.runnel.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The state store in PostgreSQL, schema {@code runnel} (migrated on open). One connection, used
 * under this object's lock and reopened after a failure. Thread-safe; every call blocks.
 */
public final class PostgresStateStore implements StateStore {
  private static final String UPSERT =
      """
      INSERT INTO runnel.messages (sink, idempotency_key, state, table_name, action, group_key,
        deliver_count, last_error, queue_url, committed_at, body, park_group)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (sink, idempotency_key) DO UPDATE SET state = excluded.state,
        deliver_count = excluded.deliver_count, last_error = excluded.last_error,
        updated_at = now(), body = excluded.body, park_group = excluded.park_group""";

  private static final String COLUMNS =
      """
      sink, idempotency_key, state, table_name, action, group_key, deliver_count,
        last_error, queue_url, committed_at, updated_at, body""";

  private static final String LIST =
      "SELECT "
          + COLUMNS
          + """

      FROM runnel.messages
      WHERE sink = ? AND state = ?
        AND seq < coalesce((SELECT seq FROM runnel.messages WHERE sink = ? AND idempotency_key = ?),
          9223372036854775807)
      ORDER BY seq DESC LIMIT ?""";

  private final DatabaseConfig db;
  private Connection connection;

  private PostgresStateStore(DatabaseConfig db) {
    this.db = db;
  }

  /** Connects and migrates. Blocks. */
  public static PostgresStateStore open(DatabaseConfig db) {
    PostgresStateStore store = new PostgresStateStore(db);
    synchronized (store) {
      store.connection();
    }
    return store;
  }

  @Override
  public synchronized void recordDiscarded(StoredMessage message) {
    try (PreparedStatement upsert = connection().prepareStatement(UPSERT)) {
      bind(upsert, message, MessageState.DISCARDED, null);
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw failed("record discarded message " + message.idempotencyKey(), e);
    }
  }

  @Override
  public synchronized void park(String group, List<StoredMessage> messages) {
    Connection connection = connection();
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      connection.setAutoCommit(false);
      for (StoredMessage message : messages) {
        bind(upsert, message, MessageState.PARKED, group);
        upsert.addBatch();
      }
      upsert.executeBatch();
      connection.commit();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw failed("park " + messages.size() + " messages", e);
    }
  }

  @Override
  public synchronized Optional<StoredMessage> oldestParked(String sink, String group) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM runnel.messages WHERE sink = ? AND state = 'parked'"
            + " AND park_group = ? ORDER BY seq LIMIT 1";
    try (PreparedStatement query = connection().prepareStatement(sql)) {
      query.setString(1, sink);
      query.setString(2, group);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("read parked messages of sink " + sink, e);
    }
  }

  @Override
  public synchronized Set<String> parkedGroups(String sink) {
    String sql =
        "SELECT DISTINCT park_group FROM runnel.messages WHERE sink = ?" + " AND state = 'parked'";
    try (PreparedStatement query = connection().prepareStatement(sql)) {
      query.setString(1, sink);
      Set<String> groups = new HashSet<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          groups.add(rows.getString(1));
        }
      }
      return groups;
    } catch (SQLException e) {
      throw failed("read parked groups of sink " + sink, e);
    }
  }

  @Override
  public synchronized void remove(String sink, String idempotencyKey) {
    String sql = "DELETE FROM runnel.messages WHERE sink = ? AND idempotency_key = ?";
    try (PreparedStatement delete = connection().prepareStatement(sql)) {
      delete.setString(1, sink);
      delete.setString(2, idempotencyKey);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw failed("remove message " + idempotencyKey, e);
    }
  }

  private static void bind(
      PreparedStatement upsert, StoredMessage message, MessageState state, String parkGroup)
      throws SQLException {
    upsert.setString(1, message.sink());
    upsert.setString(2, message.idempotencyKey());
    upsert.setString(3, state.wireName());
    upsert.setString(4, message.table());
    upsert.setString(5, message.action());
    upsert.setString(6, message.groupKey());
    upsert.setInt(7, message.deliverCount());
    upsert.setString(8, message.lastError());
    upsert.setString(9, message.queueUrl());
    upsert.setTimestamp(10, Timestamp.from(message.committedAt()));
    upsert.setString(11, message.body());
    upsert.setString(12, parkGroup);
  }

  @Override
  public synchronized List<StoredMessage> list(
      String sink, MessageState state, int limit, String before) {
    try (PreparedStatement query = connection().prepareStatement(LIST)) {
      query.setString(1, sink);
      query.setString(2, state.wireName());
      query.setString(3, sink);
      query.setString(4, before);
      query.setInt(5, limit);
      List<StoredMessage> messages = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          messages.add(read(rows));
        }
      }
      return messages;
    } catch (SQLException e) {
      throw failed("list " + state.wireName() + " messages of sink " + sink, e);
    }
  }

  @Override
  public synchronized long count(String sink, MessageState state) {
    try (PreparedStatement query =
        connection()
            .prepareStatement(
                "SELECT count(*) FROM runnel.messages WHERE sink = ? AND state = ?")) {
      query.setString(1, sink);
      query.setString(2, state.wireName());
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw failed("count messages of sink " + sink, e);
    }
  }

  @Override
  public synchronized Optional<StoredMessage> find(String sink, String idempotencyKey) {
    String sql =
        "SELECT " + COLUMNS + " FROM runnel.messages WHERE sink = ? AND idempotency_key = ?";
    try (PreparedStatement query = connection().prepareStatement(sql)) {
      query.setString(1, sink);
      query.setString(2, idempotencyKey);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("read message " + idempotencyKey + " of sink " + sink, e);
    }
  }

  @Override
  public synchronized boolean requeue(String sink, String idempotencyKey, String group) {
    String sql =
        "UPDATE runnel.messages SET state = 'parked', park_group = ?, updated_at = now()"
            + " WHERE sink = ? AND idempotency_key = ? AND state = 'discarded'";
    try (PreparedStatement update = connection().prepareStatement(sql)) {
      update.setString(1, group);
      update.setString(2, sink);
      update.setString(3, idempotencyKey);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failed("requeue message " + idempotencyKey + " of sink " + sink, e);
    }
  }

  @Override
  public synchronized Instant oldestParkedCommit(String sink) {
    String sql =
        "SELECT min(committed_at) FROM runnel.messages WHERE sink = ? AND state = 'parked'";
    try (PreparedStatement query = connection().prepareStatement(sql)) {
      query.setString(1, sink);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        Timestamp oldest = rows.getTimestamp(1);
        return oldest == null ? null : oldest.toInstant();
      }
    } catch (SQLException e) {
      throw failed("read the oldest parked message of sink " + sink, e);
    }
  }

  @Override
  public synchronized Optional<Boolean> pausedOverride(String sink, String configuredStatus) {
    String sql = "SELECT paused, configured_status FROM runnel.sinks WHERE sink = ?";
    try (PreparedStatement query = connection().prepareStatement(sql)) {
      query.setString(1, sink);
      try (ResultSet rows = query.executeQuery()) {
        if (rows.next() && rows.getString(2).equals(configuredStatus)) {
          return Optional.of(rows.getBoolean(1));
        }
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("read the pause state of sink " + sink, e);
    }
  }

  @Override
  public synchronized void setPaused(String sink, boolean paused, String configuredStatus) {
    String sql =
        """
        INSERT INTO runnel.sinks (sink, paused, configured_status) VALUES (?, ?, ?)
        ON CONFLICT (sink) DO UPDATE SET paused = excluded.paused,
          configured_status = excluded.configured_status, updated_at = now()""";
    try (PreparedStatement upsert = connection().prepareStatement(sql)) {
      upsert.setString(1, sink);
      upsert.setBoolean(2, paused);
      upsert.setString(3, configuredStatus);
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw failed((paused ? "pause" : "resume") + " sink " + sink, e);
    }
  }

  private static StoredMessage read(ResultSet row) throws SQLException {
    return new StoredMessage(
        row.getString(1),
        row.getString(2),
        MessageState.fromWireName(row.getString(3)),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getInt(7),
        row.getString(8),
        null,
        row.getString(9),
        row.getTimestamp(10).toInstant(),
        row.getTimestamp(11).toInstant(),
        row.getString(12),
        null);
  }

  private Connection connection() {
    try {
      if (connection == null || !connection.isValid(5)) {
        closeQuietly();
        connection = connect(db);
        Migrations.apply(connection);
      }
      return connection;
    } catch (SQLException e) {
      connection = null;
      throw failed("connect to " + db.hostname() + ":" + db.port() + "/" + db.database(), e);
    }
  }

  /** A new connection to the state database (migrated by {@link #open}). Blocks. */
  static Connection connect(DatabaseConfig db) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", db.username());
    if (db.password() != null) {
      props.setProperty("password", db.password());
    }
    props.setProperty("ApplicationName", "runnel-state");
    return DriverManager.getConnection(db.jdbcUrl(), props);
  }

  private StateStoreException failed(String what, SQLException e) {
    closeQuietly();
    return new StateStoreException("state store: cannot " + what + ": " + e.getMessage(), e);
  }

  private void closeQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // the connection is being replaced; its close error carries nothing new
    }
    connection = null;
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}

package io.runnel.state;

import io.runnel.config.DatabaseConfig;
import io.runnel.jdbc.PgConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
    update(
        "record discarded message " + message.idempotencyKey(),
        UPSERT,
        values(message, MessageState.DISCARDED, null));
  }

  @Override
  public synchronized void park(String group, List<StoredMessage> messages) {
    Connection connection = connection();
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      connection.setAutoCommit(false);
      for (StoredMessage message : messages) {
        values(message, MessageState.PARKED, group).bind(upsert);
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
    return first(
        "read parked messages of sink " + sink,
        "SELECT "
            + COLUMNS
            + " FROM runnel.messages WHERE sink = ? AND state = 'parked'"
            + " AND park_group = ? ORDER BY seq LIMIT 1",
        PostgresStateStore::read,
        sink,
        group);
  }

  @Override
  public synchronized Set<String> parkedGroups(String sink) {
    return new HashSet<>(
        rows(
            "read parked groups of sink " + sink,
            "SELECT DISTINCT park_group FROM runnel.messages WHERE sink = ? AND state = 'parked'",
            row -> row.getString(1),
            sink));
  }

  @Override
  public synchronized void remove(String sink, String idempotencyKey) {
    update(
        "remove message " + idempotencyKey,
        "DELETE FROM runnel.messages WHERE sink = ? AND idempotency_key = ?",
        Sql.values(sink, idempotencyKey));
  }

  private static Sql.Binding values(StoredMessage message, MessageState state, String parkGroup) {
    return Sql.values(
        message.sink(),
        message.idempotencyKey(),
        state.wireName(),
        message.table(),
        message.action(),
        message.groupKey(),
        message.deliverCount(),
        message.lastError(),
        message.queueUrl(),
        Timestamp.from(message.committedAt()),
        message.body(),
        parkGroup);
  }

  @Override
  public synchronized List<StoredMessage> list(
      String sink, MessageState state, int limit, String before) {
    return rows(
        "list " + state.wireName() + " messages of sink " + sink,
        LIST,
        PostgresStateStore::read,
        sink,
        state.wireName(),
        sink,
        before,
        limit);
  }

  @Override
  public synchronized long count(String sink, MessageState state) {
    return first(
            "count messages of sink " + sink,
            "SELECT count(*) FROM runnel.messages WHERE sink = ? AND state = ?",
            row -> row.getLong(1),
            sink,
            state.wireName())
        .orElseThrow();
  }

  @Override
  public synchronized Optional<StoredMessage> find(String sink, String idempotencyKey) {
    return first(
        "read message " + idempotencyKey + " of sink " + sink,
        "SELECT " + COLUMNS + " FROM runnel.messages WHERE sink = ? AND idempotency_key = ?",
        PostgresStateStore::read,
        sink,
        idempotencyKey);
  }

  @Override
  public synchronized boolean requeue(String sink, String idempotencyKey, String group) {
    return update(
            "requeue message " + idempotencyKey + " of sink " + sink,
            "UPDATE runnel.messages SET state = 'parked', park_group = ?, updated_at = now()"
                + " WHERE sink = ? AND idempotency_key = ? AND state = 'discarded'",
            Sql.values(group, sink, idempotencyKey))
        == 1;
  }

  @Override
  public synchronized Instant oldestParkedCommit(String sink) {
    return first(
            "read the oldest parked message of sink " + sink,
            "SELECT min(committed_at) FROM runnel.messages WHERE sink = ? AND state = 'parked'",
            row -> row.getTimestamp(1),
            sink)
        .map(Timestamp::toInstant)
        .orElse(null);
  }

  @Override
  public synchronized Optional<Boolean> pausedOverride(String sink, String configuredStatus) {
    return first(
        "read the pause state of sink " + sink,
        "SELECT paused, configured_status FROM runnel.sinks WHERE sink = ?",
        row -> row.getString(2).equals(configuredStatus) ? row.getBoolean(1) : null,
        sink);
  }

  @Override
  public synchronized void setPaused(String sink, boolean paused, String configuredStatus) {
    update(
        (paused ? "pause" : "resume") + " sink " + sink,
        """
        INSERT INTO runnel.sinks (sink, paused, configured_status) VALUES (?, ?, ?)
        ON CONFLICT (sink) DO UPDATE SET paused = excluded.paused,
          configured_status = excluded.configured_status, updated_at = now()""",
        Sql.values(sink, paused, configuredStatus));
  }

  private int update(String what, String sql, Sql.Binding binding) {
    try {
      return Sql.update(connection(), sql, binding);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  private <T> List<T> rows(String what, String sql, Sql.Row<T> row, Object... values) {
    try {
      return Sql.rows(connection(), sql, Sql.values(values), row);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  /** The first row's value; empty without rows or when {@code row} reads null. */
  private <T> Optional<T> first(String what, String sql, Sql.Row<T> row, Object... values) {
    List<T> rows = rows(what, sql, row, values);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
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
        null,
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
    return PgConnections.open(db, "runnel-state");
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

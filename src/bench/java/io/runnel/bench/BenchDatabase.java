package io.runnel.bench;

import io.runnel.decode.Lsn;
import io.runnel.demo.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's PostgreSQL (zonky's embedded binaries, {@code wal_level=logical}, commits flushed
 * as in production) and the slot bookkeeping around it: a workload's WAL is generated once behind a
 * base slot, and every consumer drains a fresh copy of that slot, so all of them read the same WAL
 * from the same start LSN. Not thread-safe.
 */
final class BenchDatabase implements AutoCloseable {
  static final String PUBLICATION = "bench_pub";

  private final EmbeddedPostgres postgres;

  private BenchDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static BenchDatabase start() throws IOException {
    return start(null);
  }

  /** As {@link #start()}; with {@code tls} (else {@code null}) serving TLS with its certificate. */
  static BenchDatabase start(PgTlsLeg tls) throws IOException {
    return new BenchDatabase(
        EmbeddedPostgres.start(
            builder ->
                (tls == null ? builder : tls.serverConfig(builder))
                    // zonky turns this off; production keeps it on, and it decides when the
                    // walsender may send a commit.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_replication_slots", "32")
                    .setServerConfig("max_wal_senders", "32")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("shared_buffers", "256MB")));
  }

  int port() {
    return postgres.port();
  }

  Connection connect() throws SQLException {
    return postgres.connect();
  }

  void sql(String... statements) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  String query(String sql, Object... parameters) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  Lsn currentLsn() throws SQLException {
    return Lsn.parse(query("SELECT pg_current_wal_lsn()::text"));
  }

  void createSlot(String name) throws SQLException {
    query("SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput')", name);
  }

  /** A new slot at {@code base}'s position, to drain the WAL behind it once more. */
  void copySlot(String base, String copy) throws SQLException {
    query("SELECT slot_name::text FROM pg_copy_logical_replication_slot(?, ?)", base, copy);
  }

  /** The walsender's process id while a client streams {@code slot}; 0 when none does. */
  long walsenderPid(String slot) throws SQLException {
    String pid =
        query("SELECT active_pid::text FROM pg_replication_slots WHERE slot_name = ?", slot);
    return pid == null ? 0 : Long.parseLong(pid);
  }

  /** Drops the slot once its last client has let go of it (waits up to 30 s). */
  void dropSlot(String slot) throws SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        query(
            "SELECT pg_drop_replication_slot(slot_name)::text FROM pg_replication_slots"
                + " WHERE slot_name = ?",
            slot);
        return;
      } catch (SQLException e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}

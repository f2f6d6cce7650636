package io.runnel.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A throwaway PostgreSQL server (zonky's embedded binaries) with logical replication enabled, for
 * the demo and the tests. Listens on a free loopback port; {@link #close} deletes its data.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
    this.server = server;
  }

  /** Starts a server with {@code wal_level=logical}. Blocks until it accepts connections. */
  public static EmbeddedPostgres start() throws IOException {
    return new EmbeddedPostgres(
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10")
            .setServerConfig("wal_sender_timeout", "60s")
            .start());
  }

  public int port() {
    return server.getPort();
  }

  public String host() {
    return "localhost";
  }

  public String database() {
    return "postgres";
  }

  public String user() {
    return "postgres";
  }

  public String password() {
    return "postgres";
  }

  public DataSource dataSource() {
    return server.getPostgresDatabase();
  }

  public Connection connect() throws SQLException {
    return dataSource().getConnection();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}

package io.runnel.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A throwaway PostgreSQL server (zonky's embedded binaries) with logical replication enabled, for
 * the demo and the tests. Listens on a free loopback port; {@link #close} deletes its data.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private final Path dataDirectory;
  private final UnaryOperator<Builder> customize;
  private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres(
      Path dataDirectory,
      UnaryOperator<Builder> customize,
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
    this.dataDirectory = dataDirectory;
    this.customize = customize;
    this.server = server;
  }

  /** Starts a server with {@code wal_level=logical}. Blocks until it accepts connections. */
  public static EmbeddedPostgres start() throws IOException {
    return start(UnaryOperator.identity());
  }

  /**
   * As {@link #start()}, with the zonky builder adjusted by {@code customize} (tests pick another
   * PostgreSQL version's binaries this way).
   */
  public static EmbeddedPostgres start(UnaryOperator<Builder> customize) throws IOException {
    Path dataDirectory = Files.createTempDirectory("runnel-postgres-");
    return new EmbeddedPostgres(
        dataDirectory, customize, customize.apply(builder(dataDirectory, 0)).start());
  }

  private static Builder builder(Path dataDirectory, int port) {
    var builder =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10")
            .setServerConfig("wal_sender_timeout", "60s");
    return port > 0 ? builder.setPort(port) : builder;
  }

  /**
   * Stops the server and starts it again on the same port and data, as a database restart does:
   * every connection breaks; slots, publications and rows survive. Blocks.
   */
  public synchronized void restart() throws IOException {
    int port = server.getPort();
    server.close();
    server = customize.apply(builder(dataDirectory, port)).start();
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
  public synchronized void close() throws IOException {
    server.close();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}

package io.runnel.it;

import static org.awaitility.Awaitility.await;

import io.runnel.demo.EmbeddedPostgres;
import io.runnel.demo.EmbeddedSqs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The JVM's one embedded PostgreSQL and one ElasticMQ, shared by every {@link RealServers} class
 * (JUnit keeps them in its launcher session's store and closes them when the JVM's tests end). Each
 * class works in a database of its own, dropped with its replication slots when the class ends:
 * slots are the server's, so leaving them would exhaust {@code max_replication_slots} and pin WAL.
 */
final class SharedServers implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final EmbeddedSqs sqs;
  private final SqsClient sqsClient;

  private SharedServers(EmbeddedPostgres postgres, EmbeddedSqs sqs) {
    this.postgres = postgres;
    this.sqs = sqs;
    this.sqsClient = sqs.client();
  }

  /** Starts both servers on free ports. Blocks until they accept connections. */
  static SharedServers start() {
    try {
      return new SharedServers(EmbeddedPostgres.start(), EmbeddedSqs.start(0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the shared embedded PostgreSQL", e);
    }
  }

  /** Servers whose PostgreSQL is a new database {@code name} on the shared server. */
  Servers withDatabase(String name) throws SQLException {
    admin("CREATE DATABASE " + name);
    return new Servers(
        new PostgresDatabase(postgres, name), sqs, sqsClient, () -> dropDatabase(name));
  }

  /** Servers with a PostgreSQL server of their own (stopped when they close) and the shared SQS. */
  Servers withOwnPostgres() throws IOException {
    EmbeddedPostgres own = EmbeddedPostgres.start();
    return new Servers(new PostgresDatabase(own, own.database()), sqs, sqsClient, own::close);
  }

  /**
   * Drops the database and with it its (inactive) logical slots; ends first what still streams a
   * slot of it, as DROP DATABASE refuses while a slot is active, and retries until the walsender
   * has gone.
   */
  private void dropDatabase(String name) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              admin(
                  "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
                      + " WHERE database = '"
                      + name
                      + "' AND active_pid IS NOT NULL",
                  "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
              return true;
            });
  }

  private void admin(String... statements) throws SQLException {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Override
  public void close() throws IOException {
    sqsClient.close();
    sqs.close();
    postgres.close();
  }
}

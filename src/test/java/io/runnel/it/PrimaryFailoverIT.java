package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.demo.EmbeddedSqs;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * PostgreSQL 17 primary + physical standby (a cold copy of the primary's data directory, streaming
 * from a physical slot), with Runnel's failover slot synchronized to the standby: the primary
 * stops, the standby is promoted, and Runnel — configured with both hosts — follows it and resumes
 * on the synchronized slot without losing a change.
 */
class PrimaryFailoverIT {
  private static final String VERSION = "17.7.0";
  private static final String SLOT = "fo_slot";

  @Test
  void runnelResumesOnThePromotedStandbysSyncedSlot() throws Exception {
    assumeTrue(PostgresVersions.available(VERSION), "no PostgreSQL " + VERSION + " binaries");
    Path primaryDir = Files.createTempDirectory("runnel-primary-");
    Path standbyDir = Files.createTempDirectory("runnel-standby-");
    int primaryPort = freePort();
    int standbyPort = freePort();
    EmbeddedPostgres primary = null;
    EmbeddedPostgres standby = null;
    try (EmbeddedSqs sqs = EmbeddedSqs.start(0)) {
      primary = server(primaryDir, primaryPort, b -> b);
      sql(
          primary.getPostgresDatabase(),
          "SELECT pg_create_physical_replication_slot('standby_slot', true)",
          "CREATE TABLE public.accounts (id int PRIMARY KEY)",
          "ALTER SYSTEM SET synchronized_standby_slots = 'standby_slot'");
      primary.close(); // a clean stop: the copy below is a consistent base for the standby
      copy(primaryDir, standbyDir);
      Files.writeString(standbyDir.resolve("standby.signal"), "");
      primary = server(primaryDir, primaryPort, b -> b);
      // In postgresql.auto.conf, not as -c options: pg_ctl would split primary_conninfo's spaces.
      // synchronized_standby_slots came with the copy, where it names this standby's own slot;
      // promoted, this server has no standby to wait for.
      Files.writeString(
          standbyDir.resolve("postgresql.auto.conf"),
          """
          primary_conninfo = 'host=localhost port=%d user=postgres dbname=postgres'
          primary_slot_name = 'standby_slot'
          hot_standby_feedback = on
          sync_replication_slots = on
          synchronized_standby_slots = ''
          """
              .formatted(primaryPort),
          java.nio.file.StandardOpenOption.APPEND);
      standby = server(standbyDir, standbyPort, b -> b);

      sqs.client()
          .createQueue(
              q ->
                  q.queueName("accounts.fifo")
                      .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
      String queueUrl = sqs.queueUrl("accounts.fifo");
      QueueReader reader = new QueueReader(sqs.client(), queueUrl);
      RunnelConfig config =
          ConfigLoader.parse(yaml(primaryPort, standbyPort, queueUrl, sqs.baseUrl()), Map.of());
      try (Runnel runnel = Runnel.start(RunnelOptions.defaults(config))) {
        assertThat(
                query(
                    primary.getPostgresDatabase(),
                    "SELECT failover::text FROM pg_replication_slots WHERE slot_name = '"
                        + SLOT
                        + "'"))
            .isEqualTo("true");
        insert(primary.getPostgresDatabase(), 1, 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> ids(reader.poll()).size() >= 100);
        DataSource standbyDb = standby.getPostgresDatabase();
        // Synced and persisted ("sync-ready"): a promotion drops synced slots still temporary.
        await()
            .atMost(Duration.ofSeconds(90))
            .ignoreExceptions()
            .until(
                () ->
                    query(
                        standbyDb,
                        "SELECT (synced AND NOT temporary)::text FROM pg_replication_slots"
                            + " WHERE slot_name = '"
                            + SLOT
                            + "'"),
                "true"::equals);

        primary.close(); // the primary goes away
        primary = null;
        sql(standbyDb, "SELECT pg_promote()");
        insert(standbyDb, 201, 300);

        await().atMost(Duration.ofSeconds(120)).until(() -> ids(reader.poll()).size() == 300);
        assertThat(runnel.databases().get(0).role()).isEqualTo("active");
        assertThat(
                query(
                    standbyDb,
                    "SELECT active::text FROM pg_replication_slots WHERE slot_name = '"
                        + SLOT
                        + "'"))
            .as("Runnel streams the promoted standby's synced slot")
            .isEqualTo("true");
      }
    } finally {
      if (primary != null) {
        primary.close();
      }
      if (standby != null) {
        standby.close();
      }
      delete(primaryDir);
      delete(standbyDir);
    }
  }

  private static EmbeddedPostgres server(Path dir, int port, UnaryOperator<Builder> more)
      throws IOException {
    Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "10")
            .setServerConfig("max_wal_senders", "10")
            .setServerConfig("hot_standby", "on");
    return more.apply(PostgresVersions.binaries(VERSION).apply(builder)).start();
  }

  private static String yaml(int primaryPort, int standbyPort, String queueUrl, String sqsUrl) {
    return """
        databases:
          - name: "accounts-db"
            hostname: "localhost:%d,localhost:%d"
            database: "postgres"
            username: "postgres"
            password: "postgres"
            slot: { name: "%s", create_if_not_exists: true }
            publication: { name: "fo_pub", create_if_not_exists: true }
        sinks:
          - name: "accounts-sink"
            table: "public.accounts"
            destination:
              type: "sqs"
              queue_url: "%s"
              use_emulator: true
              emulator_base_url: "%s"
        """
        .formatted(primaryPort, standbyPort, SLOT, queueUrl, sqsUrl);
  }

  private static void insert(DataSource db, int from, int to) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement()) {
      for (int id = from; id <= to; id++) {
        statement.execute("INSERT INTO accounts VALUES (" + id + ")");
      }
    }
  }

  private static Set<Integer> ids(List<Message> messages) {
    Set<Integer> ids = new HashSet<>();
    for (Message message : messages) {
      ids.add(Integer.parseInt(message.body().replaceAll(".*\"record\":\\{\"id\":(\\d+).*", "$1")));
    }
    return ids;
  }

  private static void sql(DataSource db, String... statements) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static String query(DataSource db, String sql) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** Copies a stopped server's data directory, without its lock files and slots. */
  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        String name = file.getFileName().toString();
        Path relative = from.relativize(file);
        boolean slot =
            relative.getNameCount() > 1 && relative.getName(0).toString().equals("pg_replslot");
        if (name.equals("postmaster.pid") || name.startsWith("epg-lock") || slot) {
          continue; // the primary's slots are its own; the standby syncs the failover ones
        }
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

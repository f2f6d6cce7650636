package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.runnel.demo.EmbeddedSqs;
import io.runnel.it.RealServers;
import io.runnel.it.Servers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runnel validate --connect} against a real PostgreSQL and a real SQS-compatible server. */
@RealServers
class ValidateConnectIT {
  private static Servers servers;
  private static EmbeddedSqs sqs;

  @TempDir Path dir;

  @BeforeAll
  static void createTablesAndQueues() throws Exception {
    sqs = servers.sqs;
    servers.sql(
        "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
        "ALTER TABLE public.orders REPLICA IDENTITY FULL",
        "CREATE TABLE public.customers (id int PRIMARY KEY, name text)",
        "CREATE PUBLICATION orders_only FOR TABLE public.orders",
        "CREATE ROLE plain LOGIN PASSWORD 'plain'",
        "CREATE ROLE reader LOGIN REPLICATION PASSWORD 'reader'");
    servers.createQueue("orders");
    servers.createQueue("orders.fifo");
  }

  /** Roles outlive the class's database on the shared server. */
  @AfterAll
  static void dropRoles() throws Exception {
    servers.sql("DROP ROLE plain", "DROP OWNED BY reader", "DROP ROLE reader");
  }

  @Test
  void goodSetupPassesWithWarnings() throws IOException {
    String yaml =
        config(
                servers.postgres.port(),
                "good_pub",
                true,
                "public.orders",
                sqs.queueUrl("orders.fifo"))
            + sink("customers", "public.customers", sqs.queueUrl("orders"));
    ValidateRun run = validate(yaml);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.errors()).isEmpty();
    assertThat(run.err())
        .contains(
            "warning: sinks[1]: table public.customers has replica identity DEFAULT: deletes"
                + " carry only key columns and updates have changes {}; for whole old rows run"
                + " ALTER TABLE \"public\".\"customers\" REPLICA IDENTITY FULL;");
    assertThat(run.out()).contains("valid (1 database(s), 2 sink(s), connections checked)");
    assertThat(run.err()).doesNotContain("SELECT from").doesNotContain("schema runnel");
  }

  @Test
  void stateSchemaAndSelectPrivilegesAreCheckedAgainstTheServer() throws Exception {
    String db = servers.postgres.name();
    String yaml =
        asReader(config(servers.postgres.port(), "orders_only", false, "public.orders", orders()));
    ValidateRun run = validate(yaml);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .containsExactly(
            "databases[0]: the state store needs schema runnel in database \""
                + db
                + "\", which is missing, and user reader may not create it: run GRANT CREATE ON"
                + " DATABASE \""
                + db
                + "\" TO \"reader\"; or, as an administrator, CREATE SCHEMA runnel AUTHORIZATION"
                + " \"reader\";");
    assertThat(run.err()).contains(selectWarning("sinks[0]", db));
    try {
      servers.sql("CREATE SCHEMA runnel");
      assertThat(validate(yaml).errors())
          .containsExactly(
              "databases[0]: user reader lacks USAGE and CREATE on schema runnel in database \""
                  + db
                  + "\", the state store: run GRANT USAGE, CREATE ON SCHEMA runnel TO \"reader\";"
                  + " (or ALTER SCHEMA runnel OWNER TO \"reader\";)");
      servers.sql(
          "GRANT USAGE, CREATE ON SCHEMA runnel TO reader",
          "GRANT SELECT ON public.orders TO reader",
          "CREATE TABLE runnel.sinks (name text PRIMARY KEY)");
      assertThat(validate(yaml).errors())
          .containsExactly(
              "databases[0]: user reader may not read and write runnel.sinks of the state store:"
                  + " run GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA runnel TO"
                  + " \"reader\";");
      servers.sql("GRANT SELECT, INSERT, UPDATE, DELETE ON runnel.sinks TO reader");
      ValidateRun granted = validate(yaml);
      assertThat(granted.exit()).as(granted.err()).isZero();
      assertThat(granted.err()).doesNotContain("SELECT from").doesNotContain("schema runnel");
    } finally {
      servers.sql("DROP SCHEMA runnel CASCADE", "REVOKE SELECT ON public.orders FROM reader");
    }
  }

  @Test
  void selectIsCheckedOnThePublicationsTablesForASinkOfEveryTable() throws Exception {
    String yaml =
        asReader(config(servers.postgres.port(), "orders_only", false, "public.orders", orders()))
            .replace("    table: \"public.orders\"\n", "");
    servers.sql("GRANT CREATE ON DATABASE \"" + servers.postgres.name() + "\" TO reader");
    try {
      ValidateRun run = validate(yaml);
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.err()).contains(selectWarning("sinks[0]", servers.postgres.name()));
    } finally {
      servers.sql("REVOKE CREATE ON DATABASE \"" + servers.postgres.name() + "\" FROM reader");
    }
  }

  @Test
  void stateUrlIsCheckedWithItsOwnUser() throws IOException {
    String db = servers.postgres.name();
    String yaml =
        config(servers.postgres.port(), "orders_only", false, "public.orders", orders())
            + "state:\n  url: \"postgresql://plain:plain@localhost:%d/%s\"\n"
                .formatted(servers.postgres.port(), db);
    ValidateRun run = validate(yaml);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .singleElement()
        .asString()
        .startsWith("state.url: the state store needs schema runnel in database \"" + db + "\"")
        .contains("GRANT CREATE ON DATABASE \"" + db + "\" TO \"plain\";");
  }

  private static String asReader(String yaml) {
    return yaml.replace("username: \"postgres\"", "username: \"reader\"")
        .replace("password: \"postgres\"", "password: \"reader\"");
  }

  private static String selectWarning(String path, String db) {
    return "warning: "
        + path
        + ": user reader may not SELECT from table public.orders in database \""
        + db
        + "\", so a backfill of it would fail (streaming its changes does not need it): run"
        + " GRANT SELECT ON \"public\".\"orders\" TO \"reader\";";
  }

  @Test
  void missingPublicationNamesTheSqlToCreateIt() throws IOException {
    ValidateRun run =
        validate(config(servers.postgres.port(), "absent_pub", false, "public.orders", orders()));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .containsExactly(
            "databases[0].publication: publication \"absent_pub\" does not exist: create it with"
                + " CREATE PUBLICATION \"absent_pub\" FOR TABLE \"public\".\"orders\" WITH"
                + " (publish_via_partition_root = true); or set"
                + " publication.create_if_not_exists: true");
  }

  @Test
  void tableNotInThePublicationNamesTheAlter() throws IOException {
    ValidateRun run =
        validate(
            config(servers.postgres.port(), "orders_only", false, "public.customers", orders()));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .containsExactly(
            "sinks[0]: table public.customers is not in publication \"orders_only\" of database"
                + " e2e-database, so none of its changes would arrive: run ALTER PUBLICATION"
                + " \"orders_only\" ADD TABLE \"public\".\"customers\";");
  }

  @Test
  void missingTableFails() throws IOException {
    ValidateRun run =
        validate(config(servers.postgres.port(), "any_pub", true, "public.nowhere", orders()));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .containsExactly(
            "sinks[0]: table public.nowhere does not exist in database \""
                + servers.postgres.name()
                + "\": create it,"
                + " or fix the name (unquoted names are folded to lower case)");
  }

  @Test
  void missingQueueFails() throws IOException {
    ValidateRun run =
        validate(
            config(
                servers.postgres.port(),
                "q_pub",
                true,
                "public.orders",
                sqs.queueUrl("no-such-queue")));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors()).hasSize(1);
    assertThat(run.errors()[0])
        .startsWith("sinks[0].destination.queue_url: the queue does not exist")
        .contains("aws sqs create-queue --queue-name no-such-queue");
  }

  @Test
  void fifoQueueBehindAStandardUrlFails() throws IOException {
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              "{\"Attributes\":{\"FifoQueue\":\"true\"}}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    stub.start();
    try {
      String base = "http://localhost:" + stub.getAddress().getPort();
      String yaml =
          config(
                  servers.postgres.port(),
                  "f_pub",
                  true,
                  "public.orders",
                  base + "/000000000000/orders")
              .replace(sqs.baseUrl(), base);
      ValidateRun run = validate(yaml);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.errors())
          .singleElement()
          .asString()
          .startsWith(
              "sinks[0].destination.queue_url: the queue is FIFO (FifoQueue=true) but its URL"
                  + " does not end in .fifo");
    } finally {
      stub.stop(0);
    }
  }

  @Test
  void userWithoutReplicationPrivilegeFails() throws IOException {
    String yaml =
        config(servers.postgres.port(), "orders_only", false, "public.orders", orders())
            .replace("username: \"postgres\"", "username: \"plain\"")
            .replace("password: \"postgres\"", "password: \"plain\"");
    ValidateRun run = validate(yaml);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .contains(
            "databases[0].username: user plain may not replicate: run ALTER ROLE \"plain\" WITH"
                + " REPLICATION; (Amazon RDS: GRANT rds_replication TO \"plain\";)");
  }

  @Test
  void unreachableDatabaseFailsWithoutThePassword() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String yaml =
        config(closedPort, "p", true, "public.orders", orders())
            .replace("password: \"postgres\"", "password: \"s3cret-pw\"");
    ValidateRun run = validate(yaml);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors())
        .singleElement()
        .asString()
        .startsWith(
            "databases[0]: cannot connect to localhost:"
                + closedPort
                + "/"
                + servers.postgres.name()
                + " as")
        .contains("check hostname, port and sslmode");
    assertThat(run.err()).doesNotContain("s3cret-pw");
  }

  @Test
  void walLevelReplicaFailsWithTheFix() throws Exception {
    try (var replica =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "replica")
            .start()) {
      ValidateRun run =
          validate(
              config(replica.getPort(), "r_pub", true, "public.orders", orders())
                  .replace(
                      "database: \"" + servers.postgres.name() + "\"", "database: \"postgres\""));
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.errors())
          .contains(
              "databases[0]: wal_level is replica, logical replication needs logical: run ALTER"
                  + " SYSTEM SET wal_level = logical; and restart PostgreSQL (Amazon RDS/Aurora:"
                  + " set rds.logical_replication = 1 in the parameter group and reboot)");
    }
  }

  private ValidateRun validate(String yaml) throws IOException {
    return ValidateRun.of(dir, yaml, "--connect");
  }

  private static String orders() {
    return sqs.queueUrl("orders");
  }

  /** One database and one sink named {@code sqs-sink}; the slot is created when missing. */
  private static String config(
      int port, String publication, boolean createPublication, String table, String queueUrl) {
    return """
        databases:
          - name: "e2e-database"
            hostname: "localhost"
            port: %d
            database: "%s"
            username: "postgres"
            password: "postgres"
            slot: { name: "check_slot", create_if_not_exists: true }
            publication: { name: "%s", create_if_not_exists: %s }
        sinks:
        """
            .formatted(port, servers.postgres.name(), publication, createPublication)
        + sink("sqs-sink", table, queueUrl);
  }

  private static String sink(String name, String table, String queueUrl) {
    return """
          - name: "%s"
            database: "e2e-database"
            table: "%s"
            destination:
              type: "sqs"
              queue_url: "%s"
              use_emulator: true
              emulator_base_url: "%s"
        """
        .formatted(name, table, queueUrl, sqs.baseUrl());
  }
}

package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One column of every type issue 6 names, with edge values, streamed from real PostgreSQL 14, 16,
 * 17 and 18 through Runnel to SQS and compared with {@code src/test/resources/types/*.json} (the
 * same files for every version: the JSON must not depend on the server version).
 *
 * <p>pgoutput prints values with the walsender's session settings; pgjdbc sets its TimeZone from
 * the JVM, and Runnel then fixes it to UTC. The JVM zone is Asia/Kolkata here and the writing
 * session's zone too, so a timestamptz that arrives as {@code Z} — and a tstzrange printed in UTC —
 * prove the normalisation, not a UTC server.
 */
// Servers of its own per PostgreSQL version: the shared server runs only the default one.
class TypeFidelityIT {
  private static final TimeZone ORIGINAL_ZONE = TimeZone.getDefault();

  @BeforeAll
  static void nonUtcZone() {
    TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
  }

  @AfterAll
  static void restoreZone() {
    TimeZone.setDefault(ORIGINAL_ZONE);
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(strings = {"14.22.0", "16.11.0", "17.7.0", "18.1.0"})
  void everyTypeArrivesAsGoldenJson(String version) throws Exception {
    assumeTrue(PostgresVersions.available(version), "no PostgreSQL " + version + " binaries");
    try (Servers servers = Servers.start(PostgresVersions.binaries(version))) {
      assertThat(query(servers, "SHOW server_version"))
          .startsWith(version.substring(0, version.indexOf('.', 3)));
      servers.sql(Goldens.statements("/types/schema.sql"));
      Goldens.assertMatches(
          streamed(servers, "all_types", "/types/rows.sql", 6), "/types/all_types.json");
      if (available(servers, "citext") && available(servers, "hstore")) {
        servers.sql(Goldens.statements("/types/extensions.sql"));
        Goldens.assertMatches(
            streamed(servers, "ext_types", "/types/extension_rows.sql", 2),
            "/types/ext_types.json");
      }
    }
  }

  /** Starts Runnel on {@code table}, runs the script in one session and returns the messages. */
  private static List<ObjectNode> streamed(
      Servers servers, String table, String script, int expected) throws Exception {
    String queueUrl = servers.createQueue(table + ".fifo");
    try (Runnel runnel =
        Runnel.start(RunnelOptions.defaults(servers.config(table, "public." + table, queueUrl)))) {
      servers.sql(Goldens.statements(script));
      QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
      await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() >= expected);
      reader.poll();
      List<ObjectNode> bodies = Goldens.inCommitOrder(reader.received());
      assertThat(bodies).hasSize(expected);
      return bodies.stream().map(Goldens::essentials).toList();
    }
  }

  private static boolean available(Servers servers, String extension) throws SQLException {
    String sql = "SELECT count(*) FROM pg_available_extensions WHERE name = '" + extension + "'";
    return !query(servers, sql).equals("0");
  }

  private static String query(Servers servers, String sql) throws SQLException {
    try (Connection connection = servers.postgres.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}

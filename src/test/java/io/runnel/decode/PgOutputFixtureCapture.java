package io.runnel.decode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Regenerates the pgoutput fixtures under {@code src/test/resources/pgoutput/} from a real embedded
 * PostgreSQL. Not part of the build: the decoder tests read the stored bytes only.
 *
 * <p>Run with {@code ./mvnw test -Dtest=PgOutputFixtureCapture
 * -Djunit.jupiter.conditions.deactivate='org.junit.*DisabledCondition'}. Each scenario is consumed
 * with its own {@code pg_logical_slot_get_binary_changes} call, i.e. a fresh decoding session, so
 * every file starts with the Relation messages it needs. Regenerating changes LSNs, xids and
 * timestamps; {@link PgOutputDecoderTest} reads those from the files, not from constants.
 */
@Disabled("regenerates fixtures; see the class comment for how to run it")
class PgOutputFixtureCapture {
  private static final Path DIR = Path.of("src/test/resources/pgoutput");

  private static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE orders (id int PRIMARY KEY, customer text, price numeric(10,2), note text)",
          "CREATE TABLE docs (id int PRIMARY KEY, title text, body text)",
          "ALTER TABLE docs REPLICA IDENTITY FULL",
          "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL",
          "CREATE TABLE line_items (sku text, line_no int, order_id int, qty int,"
              + " PRIMARY KEY (order_id, line_no))",
          "CREATE TABLE events (ts timestamptz, payload text)",
          "CREATE SCHEMA runnel",
          "CREATE TABLE runnel.cursors (id int PRIMARY KEY, position text)",
          "CREATE PUBLICATION p FOR ALL TABLES",
          "SELECT pg_create_logical_replication_slot('s', 'pgoutput')");

  private static final String BIG_BODY =
      "(SELECT string_agg(md5(i::text), '' ORDER BY i) FROM generate_series(1, 400) i)";

  private record Scenario(String file, String about, List<List<String>> transactions) {}

  private static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario(
              "crud",
              "insert, update, delete on a table with a primary key (default replica identity)",
              List.of(
                  List.of("INSERT INTO orders VALUES (1, 'alice', 19.99, NULL)"),
                  List.of("UPDATE orders SET price = 24.50, note = 'rush' WHERE id = 1"),
                  List.of("DELETE FROM orders WHERE id = 1"))),
          new Scenario(
              "update_pk",
              "an update that changes the primary key sends the old key ('K')",
              List.of(
                  List.of("INSERT INTO orders VALUES (2, 'bob', 5.00, 'x')"),
                  List.of("UPDATE orders SET id = 3 WHERE id = 2"))),
          new Scenario(
              "toast_full",
              "REPLICA IDENTITY FULL ('O' old tuples) with an out-of-line TOASTed body",
              List.of(
                  List.of("INSERT INTO docs VALUES (1, 'draft', " + BIG_BODY + ")"),
                  List.of("INSERT INTO docs VALUES (2, 'short', 'tiny')"),
                  List.of("UPDATE docs SET title = 'final' WHERE id = 1"),
                  List.of("DELETE FROM docs WHERE id = 2"))),
          new Scenario(
              "composite_pk",
              "composite primary key (order_id, line_no), declared in another order than columns",
              List.of(
                  List.of("INSERT INTO line_items VALUES ('sku-9', 2, 7, 4)"),
                  List.of("DELETE FROM line_items WHERE order_id = 7 AND line_no = 2"))),
          new Scenario(
              "no_pk",
              "a table without a primary key",
              List.of(
                  List.of(
                      "INSERT INTO events VALUES ('2024-10-28 21:37:01.12747+00', 'hello'),"
                          + " (NULL, NULL)"))),
          new Scenario(
              "multi_row",
              "three changes in one transaction",
              List.of(
                  List.of(
                      "INSERT INTO orders VALUES (10, 'carol', 1.00, NULL)",
                      "INSERT INTO orders VALUES (11, 'dave', 2.00, NULL)",
                      "UPDATE orders SET note = 'both' WHERE id IN (10)"))),
          new Scenario(
              "annotations",
              "transaction annotations, a non-transactional message, reset at the next BEGIN",
              List.of(
                  List.of(
                      "SELECT pg_logical_emit_message(true, 'runnel:transaction_annotations',"
                          + " '{\"user\":\"alice\"}')",
                      "INSERT INTO orders VALUES (20, 'erin', 3.00, NULL)",
                      "SELECT pg_logical_emit_message(false, 'other:prefix', 'not for us')",
                      "UPDATE orders SET note = 'annotated' WHERE id = 20"),
                  List.of(
                      "SELECT pg_logical_emit_message(true, 'sequin:transaction_annotations.set',"
                          + " '{\"via\":\"sequin\"}')",
                      "SELECT pg_logical_emit_message(true, 'app:unrelated', 'ignored')",
                      "INSERT INTO orders VALUES (21, 'frank', 4.00, NULL)"),
                  List.of("INSERT INTO orders VALUES (22, 'gina', 5.00, NULL)"))),
          new Scenario(
              "truncate",
              "TRUNCATE of two tables in one statement",
              List.of(List.of("TRUNCATE orders, line_items"))),
          new Scenario(
              "schema_change",
              "ALTER TABLE ADD COLUMN between two inserts: a second Relation message",
              List.of(
                  List.of("INSERT INTO orders VALUES (30, 'hank', 6.00, NULL)"),
                  List.of("ALTER TABLE orders ADD COLUMN status text DEFAULT 'new'"),
                  List.of("INSERT INTO orders VALUES (31, 'ivy', 7.00, NULL, 'paid')"))),
          new Scenario(
              "runnel_schema",
              "a change to Runnel's own schema in the same transaction as a user change",
              List.of(
                  List.of(
                      "INSERT INTO runnel.cursors VALUES (1, '0/0')",
                      "INSERT INTO orders VALUES (40, 'jack', 8.00, NULL)"))));

  @Test
  void capture() throws Exception {
    try (EmbeddedPostgres pg =
            EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "4")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("track_commit_timestamp", "on")
                // zonky turns it off; then get_binary_changes misses unflushed commits.
                .setServerConfig("synchronous_commit", "on")
                .start();
        Connection conn = pg.getPostgresDatabase().getConnection()) {
      try (Statement st = conn.createStatement()) {
        for (String sql : SCHEMA) {
          st.execute(sql);
        }
      }
      Files.createDirectories(DIR);
      String version = queryOne(conn, "SHOW server_version");
      for (Scenario scenario : SCENARIOS) {
        capture(conn, version, scenario);
      }
    }
  }

  private static void capture(Connection conn, String version, Scenario scenario)
      throws SQLException, IOException {
    conn.setAutoCommit(false);
    try (Statement st = conn.createStatement()) {
      for (List<String> transaction : scenario.transactions()) {
        for (String sql : transaction) {
          st.execute(sql);
        }
        conn.commit();
      }
    } finally {
      conn.setAutoCommit(true);
    }
    List<String> lines = new ArrayList<>();
    lines.add("# " + scenario.about());
    lines.add("# Captured by PgOutputFixtureCapture from PostgreSQL " + version + " with");
    lines.add("# pg_logical_slot_get_binary_changes('s', NULL, NULL, 'proto_version', '1',");
    lines.add("#   'publication_names', 'p', 'messages', 'true'). Transactions, in order:");
    for (List<String> transaction : scenario.transactions()) {
      lines.add("#   BEGIN; " + String.join("; ", transaction) + "; COMMIT;");
    }
    lines.add("# Format: '# commit <xid> <commit timestamp, UTC>' from pg_xact_commit_timestamp,");
    lines.add("# then one message per line: <lsn> <xid> <pgoutput message, hex>.");
    List<String> messages = new ArrayList<>();
    List<String> commits = new ArrayList<>();
    String sql =
        "SELECT lsn, xid, data, to_char(pg_xact_commit_timestamp(xid) AT TIME ZONE 'UTC',"
            + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM pg_logical_slot_get_binary_changes("
            + "'s', NULL, NULL, 'proto_version', '1', 'publication_names', 'p',"
            + " 'messages', 'true')";
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        byte[] data = rs.getBytes(3);
        messages.add(
            rs.getString(1) + " " + rs.getString(2) + " " + HexFormat.of().formatHex(data));
        if (data[0] == 'B') {
          commits.add("# commit " + rs.getString(2) + " " + rs.getString(4));
        }
      }
    }
    lines.addAll(commits);
    lines.addAll(messages);
    Files.write(DIR.resolve(scenario.file() + ".hex"), lines);
  }

  private static String queryOne(Connection conn, String sql) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

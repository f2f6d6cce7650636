package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A background writer that bumps a version column of a few rows, one update per transaction, and
 * the check that every version of every row arrived, in order per row: duplicates (at-least-once
 * across a takeover) are allowed only as repeats of an idempotency key already seen.
 */
final class VersionedRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  final String table;
  final int rows;
  final int versions;
  final AtomicInteger written = new AtomicInteger();
  private final DataSource dataSource;

  VersionedRows(DataSource dataSource, String table, int rows, int versions) {
    this.dataSource = dataSource;
    this.table = table;
    this.rows = rows;
    this.versions = versions;
  }

  String createTable() {
    return "CREATE TABLE " + table + " (id int PRIMARY KEY, version int NOT NULL)";
  }

  /** Inserts version 0 of each row, then updates them round-robin up to {@code versions}. */
  Thread start() {
    return Thread.ofPlatform().name("test-writer-" + table).start(this::write);
  }

  private void write() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO " + table + " VALUES (?, 0)");
        PreparedStatement update =
            connection.prepareStatement("UPDATE " + table + " SET version = ? WHERE id = ?")) {
      for (int id = 1; id <= rows; id++) {
        insert.setInt(1, id);
        insert.executeUpdate();
        written.incrementAndGet();
      }
      for (int version = 1; version <= versions; version++) {
        for (int id = 1; id <= rows; id++) {
          update.setInt(1, version);
          update.setInt(2, id);
          update.executeUpdate();
          written.incrementAndGet();
          Thread.sleep(2); // paces the workload so a takeover lands mid-stream; not a sync
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int total() {
    return rows * (versions + 1);
  }

  /** How many distinct changes arrived. */
  static int distinct(List<Message> messages) {
    Set<String> keys = new HashSet<>();
    messages.forEach(m -> keys.add(body(m).get("metadata").get("idempotency_key").asText()));
    return keys.size();
  }

  /** Asserts that each row's versions, first arrivals only, are 0, 1, … {@code versions}. */
  void assertCompleteAndInOrder(List<Message> messages) {
    Set<String> seen = new HashSet<>();
    Map<Integer, List<Integer>> byRow = new TreeMap<>();
    for (Message message : messages) {
      JsonNode body = body(message);
      String key = body.get("metadata").get("idempotency_key").asText();
      if (!seen.add(key)) {
        continue;
      }
      JsonNode record = body.get("record");
      byRow
          .computeIfAbsent(record.get("id").asInt(), k -> new ArrayList<>())
          .add(record.get("version").asInt());
    }
    List<Integer> expected = new ArrayList<>();
    for (int version = 0; version <= versions; version++) {
      expected.add(version);
    }
    assertThat(byRow).hasSize(rows);
    byRow.forEach(
        (id, arrived) ->
            assertThat(arrived).as("versions of row %d in arrival order", id).isEqualTo(expected));
  }

  private static JsonNode body(Message message) {
    try {
      return JSON.readTree(message.body());
    } catch (IOException e) {
      throw new AssertionError("message body is not JSON: " + message.body(), e);
    }
  }
}

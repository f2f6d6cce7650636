package io.runnel.bench;

import java.sql.SQLException;

/**
 * One of the benchmark's workloads: its table, and the SQL that writes exactly {@link #changes} row
 * changes to the WAL. Every table has an {@code account_id} in 0–127, the group column of the FIFO
 * runs (128 message groups). Immutable.
 *
 * @param transactionSize changes per transaction ({@code changes} for one big transaction)
 */
record Workload(String name, String title, String table, int changes, int transactionSize) {
  private static final String ROW_COLUMNS =
      "id bigint PRIMARY KEY, account_id int NOT NULL, amount numeric(12,2), status text,"
          + " updated_at timestamptz NOT NULL DEFAULT now(), note text";

  /** A ~200-byte row numbered {@code g}: the columns after the key. */
  private static final String ROW_VALUES =
      "g % 128, (g * 37 % 100000) / 100.0, 'pending', now(),"
          + " md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text)";

  private static final int MIXED_ROWS = 10_000;

  static Workload inserts(int changes) {
    return new Workload("inserts", "~200-byte inserts, tx of 100", "bench_small", changes, 100);
  }

  /** Inserts into a table of its own, drained before measuring to warm the JIT. */
  static Workload warmup(int changes) {
    return new Workload("warmup", "warm-up inserts", "bench_warm", changes, 100);
  }

  static Workload mixed(int changes) {
    return new Workload(
        "mixed", "mixed insert/update/delete on 10k rows", "bench_mixed", changes, 100);
  }

  static Workload wide(int changes) {
    return new Workload("wide", "~1.6 KB inserts, tx of 100", "bench_wide", changes, 100);
  }

  static Workload bigTransaction(int changes) {
    return new Workload(
        "big-tx", "one transaction of " + changes + " inserts", "bench_big", changes, changes);
  }

  /** Creates the table (and the mixed workload's starting rows), outside any measured WAL. */
  void create(BenchDatabase db) throws SQLException {
    String columns =
        name.equals("wide") ? ROW_COLUMNS.replace("note text", "payload text") : ROW_COLUMNS;
    db.sql("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (" + columns + ")");
    if (name.equals("mixed")) {
      db.sql(
          "INSERT INTO bench_mixed SELECT g, "
              + ROW_VALUES
              + " FROM generate_series(1, "
              + MIXED_ROWS
              + ") g");
    }
  }

  /** Writes the workload's changes, {@code transactionSize} per transaction. */
  void generate(BenchDatabase db) throws SQLException {
    int transactions = changes / transactionSize;
    db.sql(
        "DO $$ BEGIN FOR t IN 0.."
            + (transactions - 1)
            + " LOOP "
            + transaction()
            + " COMMIT; END LOOP; END $$");
  }

  /**
   * One transaction's statements, for transaction number {@code t}. The mixed one deletes the 10
   * oldest rows, inserts 10 new ones and updates 80 distinct others, so the table keeps 10k rows.
   */
  private String transaction() {
    String rows =
        " FROM generate_series(t * %d + 1, t * %d + %d) g;"
            .formatted(transactionSize, transactionSize, transactionSize);
    return switch (name) {
      case "inserts", "big-tx", "warmup" ->
          "INSERT INTO " + table + " SELECT g, " + ROW_VALUES + rows;
      case "wide" ->
          "INSERT INTO bench_wide SELECT g, g % 128, g / 100.0, 'pending', now(),"
              + " repeat(md5(g::text), 50)"
              + rows;
      case "mixed" -> mixedTransaction();
      default -> throw new IllegalStateException("unknown workload " + name);
    };
  }

  private String mixedTransaction() {
    if (transactionSize != 100) {
      throw new IllegalStateException("the mixed workload runs transactions of 100");
    }
    String low = "(1 + t * 10)";
    return "DELETE FROM bench_mixed WHERE id >= "
        + low
        + " AND id < "
        + low
        + " + 10;"
        + " INSERT INTO bench_mixed SELECT g, "
        + ROW_VALUES
        + " FROM generate_series("
        + low
        + " + "
        + MIXED_ROWS
        + ", "
        + low
        + " + "
        + (MIXED_ROWS + 9)
        + ") g;"
        // 131 is prime to 9990, so the 80 ids are distinct; all lie in the live range.
        + " UPDATE bench_mixed SET amount = amount + 1, status = 'updated', updated_at = now()"
        + " WHERE id IN (SELECT "
        + low
        + " + 10 + ((t * 7919 + j * 131) % 9990)"
        + " FROM generate_series(0, 79) j);";
  }
}

package io.runnel.demo;

import io.runnel.time.Clock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's generated traffic on {@code public.orders}: mostly inserts, some price updates and the
 * odd delete, one small transaction at a time, at a steady rate on its own thread. The table has
 * {@code REPLICA IDENTITY FULL}, so updates carry the changed columns' old values and deletes the
 * whole old row. Every {@value #OVERSIZED_EVERY}th transaction (the first soon after the start)
 * inserts a row whose {@code note} is {@value #OVERSIZED_NOTE_BYTES} bytes: its message is larger
 * than the demo queue's 256 KiB, so Runnel discards it and the console shows it under Discarded.
 */
public final class DemoWorkload implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoWorkload.class);
  private static final String[] STATUSES = {"new", "paid", "shipped"};
  static final int OVERSIZED_EVERY = 100;
  static final int OVERSIZED_FIRST = 20;
  static final int OVERSIZED_NOTE_BYTES = 300 * 1024;

  private final Connection connection;
  private final long intervalNanos;
  private final Thread thread;
  private volatile boolean running = true;
  private long transactions;

  private DemoWorkload(Connection connection, double transactionsPerSecond) {
    this.connection = connection;
    this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / transactionsPerSecond);
    this.thread = Thread.ofPlatform().name("runnel-demo-workload").daemon().unstarted(this::run);
  }

  public static void createSchema(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.connect();
        Statement sql = connection.createStatement()) {
      sql.execute(
          """
          CREATE TABLE public.orders (
            id bigserial PRIMARY KEY,
            customer_id int NOT NULL,
            price numeric(10,2) NOT NULL,
            status text NOT NULL,
            note text,
            created_at timestamptz NOT NULL DEFAULT now())""");
      sql.execute("ALTER TABLE public.orders REPLICA IDENTITY FULL");
    }
  }

  public static DemoWorkload start(EmbeddedPostgres postgres, double transactionsPerSecond)
      throws SQLException {
    DemoWorkload workload = new DemoWorkload(postgres.connect(), transactionsPerSecond);
    workload.thread.start();
    return workload;
  }

  private void run() {
    Clock clock = Clock.system();
    long next = clock.nanoTime();
    while (running) {
      try {
        step(ThreadLocalRandom.current());
      } catch (SQLException e) {
        if (running) {
          log.warn("demo workload statement failed: {}", e.getMessage());
        }
      }
      next += intervalNanos;
      LockSupport.parkNanos(next - clock.nanoTime());
    }
  }

  private void step(ThreadLocalRandom random) throws SQLException {
    int dice = random.nextInt(10);
    if (transactions++ % OVERSIZED_EVERY == OVERSIZED_FIRST) {
      execute(
          "INSERT INTO orders (customer_id, price, status, note) VALUES (?, ?, 'new', ?)",
          random.nextInt(1, 50),
          random.nextInt(100, 50_000) / 100.0,
          "too long for the queue ".repeat(OVERSIZED_NOTE_BYTES / 23));
    } else if (dice < 6) {
      execute(
          "INSERT INTO orders (customer_id, price, status) VALUES (?, ?, 'new')",
          random.nextInt(1, 50),
          random.nextInt(100, 50_000) / 100.0);
    } else if (dice < 9) {
      execute(
          "UPDATE orders SET status = ?, price = price + 1 WHERE id = "
              + "(SELECT id FROM orders WHERE note IS NULL ORDER BY random() LIMIT 1)",
          STATUSES[random.nextInt(3)]);
    } else {
      execute("DELETE FROM orders WHERE id = (SELECT min(id) FROM orders WHERE note IS NULL)");
    }
  }

  private void execute(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    running = false;
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close();
  }
}

package io.runnel.demo;

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
 * odd delete, one small transaction at a time, at a steady rate on its own thread.
 */
public final class DemoWorkload implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoWorkload.class);
  private static final String[] STATUSES = {"new", "paid", "shipped"};

  private final Connection connection;
  private final long intervalNanos;
  private final Thread thread;
  private volatile boolean running = true;

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
            created_at timestamptz NOT NULL DEFAULT now())""");
    }
  }

  public static DemoWorkload start(EmbeddedPostgres postgres, double transactionsPerSecond)
      throws SQLException {
    DemoWorkload workload = new DemoWorkload(postgres.connect(), transactionsPerSecond);
    workload.thread.start();
    return workload;
  }

  private void run() {
    long next = System.nanoTime();
    while (running) {
      try {
        step(ThreadLocalRandom.current());
      } catch (SQLException e) {
        if (running) {
          log.warn("demo workload statement failed: {}", e.getMessage());
        }
      }
      next += intervalNanos;
      LockSupport.parkNanos(next - System.nanoTime());
    }
  }

  private void step(ThreadLocalRandom random) throws SQLException {
    int dice = random.nextInt(10);
    if (dice < 6) {
      execute(
          "INSERT INTO orders (customer_id, price, status) VALUES (?, ?, 'new')",
          random.nextInt(1, 50),
          random.nextInt(100, 50_000) / 100.0);
    } else if (dice < 9) {
      execute(
          "UPDATE orders SET status = ?, price = price + 1 WHERE id = "
              + "(SELECT id FROM orders ORDER BY random() LIMIT 1)",
          STATUSES[random.nextInt(3)]);
    } else {
      execute("DELETE FROM orders WHERE id = (SELECT min(id) FROM orders)");
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

package io.runnel.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency at a steady 1,000 changes/s (a transaction of 10 inserts every 10 ms) from commit to SQS
 * acceptance, measured by a consumer as {@code SentTimestamp − metadata.commit_timestamp}; then
 * Runnel's memory in that steady state, and optionally over a long soak. Runnel's requests may go
 * through the delay proxy; the consumer always reads the server directly. One instance can measure
 * several times (row ids keep counting). Not thread-safe.
 */
final class LatencyBench {
  private static final int ROWS_PER_TRANSACTION = 10;
  private static final long PERIOD_MILLIS = 10;

  private final BenchEnvironment env;
  private static final AtomicInteger RUNS = new AtomicInteger();
  private final AtomicLong nextId = new AtomicLong(1_000_000_000L);

  LatencyBench(BenchEnvironment env) {
    this.env = env;
  }

  /**
   * Runs the load for {@code warmupSeconds} (not recorded), then {@code seconds} recorded, then
   * {@code soakSeconds} more sampling memory every 30 s; Runnel sends to {@code sqsEndpoint}.
   */
  Figures measure(int warmupSeconds, int seconds, int soakSeconds, String sqsEndpoint)
      throws Exception {
    Figures figures = new Figures();
    String queue = env.newQueue("latency", false);
    // A slot of its own per run: Runnel remembers each slot it acknowledged and refuses to stream
    // one that was dropped and created again (the lost-slot check of issue 13).
    String slot = "latency_" + RUNS.incrementAndGet();
    Path config = env.runnelConfig(slot, true, "bench_small", queue, false, sqsEndpoint);
    ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
    try (QueueConsumer consumer = new QueueConsumer(env.sqs, queue, 2, true);
        Connection connection = env.db.connect();
        Statement insert = connection.createStatement()) {
      env.agent.start(false, config);
      AtomicLong committed = new AtomicLong();
      load.scheduleAtFixedRate(
          () -> insertBatch(insert, committed), 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
      sleepSeconds(warmupSeconds);
      consumer.clearLatencies();
      long agentCpu = env.agentCpuNanos();
      long before = committed.get();
      sleepSeconds(seconds);
      long changes = committed.get() - before;
      figures.addCpu("cpu.latency.runnel", env.agentCpuNanos() - agentCpu, changes);
      figures.add("latency.rate", changes / (double) seconds);
      percentiles(consumer.latenciesMicros(), figures);
      MemoryWatch.Memory steady = env.agent.memory(false);
      figures.add("steady.rss", steady.rss() / 1048576.0);
      figures.add("steady.live", env.agent.memory(true).liveHeap() / 1048576.0);
      soak(soakSeconds, figures);
      load.shutdown();
      load.awaitTermination(10, TimeUnit.SECONDS);
      env.agent.stop();
    } finally {
      load.shutdownNow();
    }
    env.db.dropSlot(slot);
    env.deleteQueue(queue);
    return figures;
  }

  private void insertBatch(Statement insert, AtomicLong committed) {
    long first = nextId.getAndAdd(ROWS_PER_TRANSACTION);
    try {
      insert.execute(
          "INSERT INTO bench_small SELECT g, g % 128, 1.00, 'pending', now(), md5(g::text)"
              + " FROM generate_series("
              + first
              + ", "
              + (first + ROWS_PER_TRANSACTION - 1)
              + ") g");
      committed.addAndGet(ROWS_PER_TRANSACTION);
    } catch (Exception e) {
      throw new IllegalStateException("latency load failed: " + e.getMessage(), e);
    }
  }

  private static void percentiles(List<Long> latenciesMicros, Figures figures) {
    List<Long> sorted = new ArrayList<>(latenciesMicros);
    sorted.sort(null);
    if (sorted.isEmpty()) {
      throw new IllegalStateException("the latency run received no messages");
    }
    figures.add("latency.count", sorted.size());
    figures.add("latency.p50", sorted.get(sorted.size() / 2) / 1000.0);
    figures.add("latency.p99", sorted.get((int) (sorted.size() * 0.99)) / 1000.0);
    figures.add("latency.max", sorted.getLast() / 1000.0);
  }

  /** Samples Runnel's memory every 30 s while the load goes on; the first sample is the base. */
  private void soak(int soakSeconds, Figures figures) throws Exception {
    for (int elapsed = 0; elapsed < soakSeconds; elapsed += 30) {
      sleepSeconds(Math.min(30, soakSeconds - elapsed));
      MemoryWatch.Memory now = env.agent.memory(true);
      figures.add("soak.rss", now.rss() / 1048576.0);
      figures.add("soak.live", now.liveHeap() / 1048576.0);
    }
  }

  /** The benchmark's own pacing (no synchronisation depends on it). */
  private static void sleepSeconds(double seconds) {
    LockSupport.parkNanos((long) (seconds * 1e9));
  }
}

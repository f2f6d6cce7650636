package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.runtime.SinkHealth;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One transaction of 1,000,000 rows streams through with the default memory bounds: the live heap
 * (measured after a full GC every two seconds, so garbage does not count) stays under 256 MB for
 * the whole run, and every change is delivered. Runnel never buffers a whole transaction.
 */
@RealServers
class LargeTransactionIT {
  private static final int ROWS = 1_000_000;
  private static final long HEAP_BOUND = 256L * 1024 * 1024;
  private static Servers servers;

  @Test
  void millionRowTransactionStreamsWithinTheHeapBound() throws Exception {
    servers.sql("CREATE TABLE public.bulk (id int PRIMARY KEY, payload text NOT NULL)");
    String queueUrl = servers.createQueue("bulk");
    // What earlier test classes left live in this JVM is not Runnel's: the bound is on the growth.
    long baseline = liveHeap();
    AtomicLong peakLiveHeap = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2);
    try (Runnel runnel =
        Runnel.start(RunnelOptions.defaults(servers.config("bulk", "public.bulk", queueUrl)))) {
      // The consumer side only empties the queue, often, so the SQS server in this JVM holds
      // little: the heap measured is Runnel's (at ~20k messages/s, 2 s of ElasticMQ backlog alone
      // is ~40 MB).
      sampler.scheduleWithFixedDelay(
          () -> servers.sqsClient.purgeQueue(p -> p.queueUrl(queueUrl)),
          250,
          250,
          TimeUnit.MILLISECONDS);
      sampler.scheduleWithFixedDelay(
          () -> peakLiveHeap.accumulateAndGet(liveHeap(), Math::max), 2, 2, TimeUnit.SECONDS);
      servers.sql(
          "INSERT INTO bulk SELECT g, repeat('x', 100) FROM generate_series(1, " + ROWS + ") g");
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> health(runnel).delivered(), delivered -> delivered == ROWS);
      assertThat(health(runnel).discarded()).isZero();
    } finally {
      sampler.shutdownNow();
    }
    long growth = peakLiveHeap.get() - baseline;
    System.out.printf(
        "LargeTransactionIT: peak live heap %d MB (%d MB before Runnel started) over %d rows%n",
        peakLiveHeap.get() >> 20, baseline >> 20, ROWS);
    assertThat(peakLiveHeap.get()).as("peak live heap, bytes").isPositive();
    assertThat(growth).as("live heap growth while streaming, bytes").isLessThan(HEAP_BOUND);
  }

  private static SinkHealth health(Runnel runnel) {
    return runnel.health().get(0);
  }

  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}

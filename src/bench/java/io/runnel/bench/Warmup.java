package io.runnel.bench;

import io.runnel.decode.Lsn;
import java.nio.file.Path;

/**
 * Warms the JITs of Runnel and ElasticMQ before anything is measured: Runnel drains a warm-up
 * workload twice through its null sink, twice to a standard queue and once to a FIFO queue (each
 * drain bounded to two end-to-end run lengths), pg_recvlogical drains it once, and the SQS ceiling
 * loop runs once untimed and then at several concurrencies (which picks the best one for the
 * measured runs). With compared transports every transport's Runnel JVM drains the same, except the
 * FIFO drain (only the baseline runs FIFO); with {@code --tls} each also drains once more over
 * HTTPS (the TLS code's JIT). Not thread-safe.
 */
final class Warmup {
  private static final int[] STANDARD_CONCURRENCY = {16, 64};
  private static final int[] FIFO_CONCURRENCY = {4, 16};

  private final BenchEnvironment env;
  private final BenchOptions options;
  private int drains;

  Warmup(BenchEnvironment env, BenchOptions options) {
    this.env = env;
    this.options = options;
  }

  WorkloadBench.Concurrency run(Workload warmup) throws Exception {
    env.db.createSlot("warm_base");
    warmup.generate(env.db);
    Lsn end = env.db.currentLsn();
    for (String transport : options.transportLabels()) {
      AgentClient agent = env.agents.get(transport);
      drain(agent, true, false, env.sqsBaseUrl, warmup);
      drain(agent, true, false, env.sqsBaseUrl, warmup);
      // The SQS path takes the JIT longest: two standard drains and a FIFO one.
      drain(agent, false, false, env.sqsBaseUrl, warmup);
      drain(agent, false, false, env.sqsBaseUrl, warmup);
      if (options.tls()) {
        drain(agent, false, false, env.tlsSqsBaseUrl(), warmup);
      }
      if (agent == env.agent) {
        drain(agent, false, true, env.sqsBaseUrl, warmup);
      }
    }
    env.db.copySlot("warm_base", "warm_read");
    env.readCeiling.drain("warm_read", end);
    env.db.dropSlot("warm_read");
    env.db.dropSlot("warm_base");
    // The load generator's own JIT: one untimed run before the timed ones compare concurrencies.
    String queue = env.newQueue("tune", false);
    new SqsCeiling(env.sqsAsync).run(queue, 600, 32, options.ceilingSeconds());
    env.deleteQueue(queue);
    return new WorkloadBench.Concurrency(
        best(false, STANDARD_CONCURRENCY), best(true, FIFO_CONCURRENCY));
  }

  private void drain(
      AgentClient agent, boolean nullSink, boolean fifo, String endpoint, Workload warmup)
      throws Exception {
    String slot = "warm_" + (++drains);
    env.db.copySlot("warm_base", slot);
    String queue = env.newQueue("warmup", fifo);
    String queueUrl = BenchEnvironment.queueUrlVia(queue, endpoint);
    Path config = env.runnelConfig(slot, false, warmup.table(), queueUrl, fifo, endpoint);
    try (QueueConsumer consumer = fifo ? new QueueConsumer(env.sqs, queue, 2, false) : null) {
      agent.start(nullSink, config);
      agent.await(warmup.changes(), (long) (options.endToEndSeconds() * 2000));
      agent.stop();
    }
    env.db.dropSlot(slot);
    env.deleteQueue(queue);
  }

  private int best(boolean fifo, int[] candidates) throws Exception {
    int best = candidates[0];
    double bestRate = 0;
    for (int concurrency : candidates) {
      String queue = env.newQueue("tune", fifo);
      double rate;
      try (QueueConsumer consumer = fifo ? new QueueConsumer(env.sqs, queue, 2, false) : null) {
        rate = new SqsCeiling(env.sqsAsync).run(queue, 600, concurrency, options.ceilingSeconds());
      }
      env.deleteQueue(queue);
      Bench.progress(
          "SQS ceiling "
              + (fifo ? "FIFO" : "standard")
              + " at "
              + concurrency
              + " in flight: "
              + Math.round(rate)
              + " msg/s");
      if (rate > bestRate) {
        bestRate = rate;
        best = concurrency;
      }
    }
    return best;
  }
}

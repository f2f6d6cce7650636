package io.runnel.bench;

import io.runnel.decode.Lsn;
import java.nio.file.Path;

/**
 * Measures one workload: its WAL is written once behind a base slot, then each run drains a fresh
 * copy of that slot with pg_recvlogical and with Runnel's null sink (back to back, so each ratio
 * compares neighbours), and times the SQS ceiling next to Runnel end to end (standard, then FIFO
 * with 128 groups while a consumer keeps the queue shallow). Not thread-safe.
 */
final class WorkloadBench {
  private final BenchEnvironment env;
  private final BenchOptions options;
  private final Concurrency concurrency;
  private int slots;

  /** SendMessageBatch requests in flight for the SQS ceiling, tuned during warm-up. */
  record Concurrency(int standard, int fifo) {}

  WorkloadBench(BenchEnvironment env, BenchOptions options, Concurrency concurrency) {
    this.env = env;
    this.options = options;
    this.concurrency = concurrency;
  }

  Figures measure(Workload workload) throws Exception {
    String base = "base_" + workload.name().replace('-', '_');
    env.db.createSlot(base);
    long generating = System.nanoTime();
    workload.generate(env.db);
    Lsn end = env.db.currentLsn();
    Figures figures = new Figures();
    figures.add("generate.seconds", (System.nanoTime() - generating) / 1e9);
    long bodyBytes = 0;
    for (int run = 0; run < options.runs(); run++) {
      double read =
          options.measures("read") ? readCeiling(base, end, workload, figures) : Double.NaN;
      if (options.measures("null") || bodyBytes == 0) {
        bodyBytes = nullSink(base, workload, figures, read).meanBodyBytes();
      }
    }
    figures.add("body.bytes", bodyBytes);
    // Stopping inside the big transaction costs ~30 s (Runnel reads on to its end, then sends what
    // it buffered), so that workload gets one end-to-end run per queue kind.
    int endToEndRuns = workload.transactionSize() == workload.changes() ? 1 : options.runs();
    for (boolean fifo : new boolean[] {false, true}) {
      for (int run = 0; run < endToEndRuns && options.measures(fifo ? "fifo" : "std"); run++) {
        double ceiling = sqsCeiling(fifo, (int) bodyBytes, figures);
        endToEnd(base, workload, fifo, figures, ceiling);
      }
    }
    env.db.dropSlot(base);
    return figures;
  }

  private String copy(String base) throws Exception {
    String slot = base + "_" + (++slots);
    env.db.copySlot(base, slot);
    return slot;
  }

  private double readCeiling(String base, Lsn end, Workload workload, Figures figures)
      throws Exception {
    String slot = copy(base);
    ReadCeiling.Drain drain = env.readCeiling.drain(slot, end);
    env.db.dropSlot(slot);
    double rate = workload.changes() / (drain.elapsedNanos() / 1e9);
    figures.add("read", rate);
    figures.addCpu("cpu.read.walsender", drain.walsenderCpuNanos(), workload.changes());
    return rate;
  }

  private AgentClient.Stopped nullSink(String base, Workload workload, Figures figures, double read)
      throws Exception {
    String slot = copy(base);
    Path config =
        env.runnelConfig(
            slot, false, workload.table(), "http://localhost:1/000000000000/null", false);
    long agentCpu = env.agentCpuNanos();
    env.agent.start(true, config);
    WalsenderCpu walsender = WalsenderCpu.follow(env.db, slot);
    AgentClient.Delivered delivered = env.agent.await(workload.changes(), 600_000);
    long runnelCpu = env.agentCpuNanos() - agentCpu;
    AgentClient.Stopped stopped = env.agent.stop();
    long walsenderCpu = walsender.stop();
    env.db.dropSlot(slot);
    if (delivered.count() < workload.changes()) {
      throw new IllegalStateException(
          "null sink delivered " + delivered.count() + " of " + workload.changes() + " changes");
    }
    figures.add("null", delivered.rate());
    if (!Double.isNaN(read)) {
      figures.add("null/read", delivered.rate() / read);
    }
    figures.addCpu("cpu.null.runnel", runnelCpu, delivered.count());
    figures.addCpu("cpu.null.walsender", walsenderCpu, delivered.count());
    memory(figures, stopped);
    return stopped;
  }

  private double sqsCeiling(boolean fifo, int bodyBytes, Figures figures) throws Exception {
    String kind = fifo ? "fifo" : "std";
    String queue = env.newQueue("ceiling", fifo);
    try (QueueConsumer consumer = fifo ? new QueueConsumer(env.sqs, queue, 2, false) : null) {
      long server = env.sqsServerCpuNanos();
      long client = BenchEnvironment.ownCpuNanos();
      int inFlight = fifo ? concurrency.fifo() : concurrency.standard();
      double rate =
          new SqsCeiling(env.sqsAsync).run(queue, bodyBytes, inFlight, options.ceilingSeconds());
      long sent = (long) (rate * options.ceilingSeconds());
      figures.add("ceiling." + kind, rate);
      figures.addCpu("cpu.ceiling." + kind + ".server", env.sqsServerCpuNanos() - server, sent);
      figures.addCpu(
          "cpu.ceiling." + kind + ".client", BenchEnvironment.ownCpuNanos() - client, sent);
    }
    env.deleteQueue(queue);
    return figures.get("ceiling." + kind).values().getLast();
  }

  private void endToEnd(
      String base, Workload workload, boolean fifo, Figures figures, double ceiling)
      throws Exception {
    String kind = fifo ? "fifo" : "std";
    String slot = copy(base);
    String queue = env.newQueue("runnel", fifo);
    // FIFO runs group by account_id (128 groups) unless -Dbench.fifo-groups=key (one per row).
    boolean byAccount = fifo && !"key".equals(System.getProperty("bench.fifo-groups"));
    Path config = env.runnelConfig(slot, false, workload.table(), queue, byAccount);
    try (QueueConsumer consumer = fifo ? new QueueConsumer(env.sqs, queue, 2, false) : null) {
      long agentCpu = env.agentCpuNanos();
      long server = env.sqsServerCpuNanos();
      env.agent.start(false, config);
      AgentClient.Delivered delivered =
          env.agent.await(workload.changes(), (long) (options.endToEndSeconds() * 1000));
      long runnelCpu = env.agentCpuNanos() - agentCpu;
      long serverCpu = env.sqsServerCpuNanos() - server;
      AgentClient.Stopped stopped = env.agent.stop();
      double rate = delivered.steadyRate();
      figures.add("e2e." + kind, rate);
      figures.add("e2e." + kind + "/ceiling", rate / ceiling);
      figures.add("e2e." + kind + ".delivered", delivered.count());
      figures.addCpu("cpu.e2e." + kind + ".runnel", runnelCpu, delivered.count());
      figures.addCpu("cpu.e2e." + kind + ".server", serverCpu, delivered.count());
      memory(figures, stopped);
    }
    env.db.dropSlot(slot);
    env.deleteQueue(queue);
  }

  private static void memory(Figures figures, AgentClient.Stopped stopped) {
    figures.add("mem.heap", stopped.peakHeap() / 1048576.0);
    figures.add("mem.live", stopped.peakLiveHeap() / 1048576.0);
    figures.add("mem.rss", stopped.peakRss() / 1048576.0);
  }
}

package io.runnel.bench;

import io.runnel.decode.Lsn;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures one workload: its WAL is written once behind a base slot, then each run drains a fresh
 * copy of that slot with pg_recvlogical and with Runnel's null sink (back to back, so each ratio
 * compares neighbours), and times the SQS ceiling next to Runnel end to end (standard, then FIFO
 * with 128 groups while a consumer keeps the queue shallow), each end-to-end run followed by the
 * same run through the delay proxy. Profiled runs also yield a {@link StageProfile}. Not
 * thread-safe.
 */
final class WorkloadBench {
  /** The bare SDK loop's depth the check compares with, measured once per workload. */
  static final int REFERENCE_IN_FLIGHT = 16;

  private final BenchEnvironment env;
  private final BenchOptions options;
  private final Concurrency concurrency;
  private final EndToEndRun endToEnd;
  private int slots;

  /** SendMessageBatch requests in flight for the SQS ceiling, tuned during warm-up. */
  record Concurrency(int standard, int fifo) {}

  WorkloadBench(BenchEnvironment env, BenchOptions options, Concurrency concurrency) {
    this.env = env;
    this.options = options;
    this.concurrency = concurrency;
    this.endToEnd = new EndToEndRun(env, options);
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
      String kind = fifo ? "fifo" : "std";
      for (int run = 0; run < endToEndRuns && options.measuresEndToEnd(kind); run++) {
        double ceiling = sqsCeiling(fifo, (int) bodyBytes, figures);
        if (!fifo && run == 0) {
          referenceCeiling((int) bodyBytes, figures);
        }
        endToEnd(base, workload, fifo, figures, ceiling);
        if (options.measures("delay")) {
          delayed(base, workload, fifo, figures);
        }
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

  /** Where a profiled run's recording goes; {@code null} when the run is not profiled. */
  private Path profileFile(Workload workload, String kind) throws Exception {
    if (!options.profiles(workload, kind)) {
      return null;
    }
    Path directory = Files.createDirectories(env.directory.resolve("profiles"));
    return directory.resolve(workload.name() + "-" + kind + "-" + slots + ".jfr");
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
    Path profile = profileFile(workload, "null");
    if (profile != null) {
      env.agent.profileNextRun(options.profileMillis(), profile);
    }
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
    if (profile != null) {
      figures.addProfile("null", ProfileReader.read(profile));
    }
    return stopped;
  }

  private double sqsCeiling(boolean fifo, int bodyBytes, Figures figures) throws Exception {
    String kind = fifo ? "fifo" : "std";
    int inFlight = fifo ? concurrency.fifo() : concurrency.standard();
    double rate = bareSdkLoop(fifo, bodyBytes, inFlight, "ceiling." + kind, figures);
    if (!fifo && inFlight == REFERENCE_IN_FLIGHT) {
      figures.add("ceiling.std.16", rate);
      figures.add("cpu.ceiling.std.16.client", figures.get("cpu.ceiling.std.client").last());
    }
    return rate;
  }

  /** The bare loop at 16 in flight, unless the tuned ceiling already ran at that depth. */
  private void referenceCeiling(int bodyBytes, Figures figures) throws Exception {
    if (concurrency.standard() != REFERENCE_IN_FLIGHT) {
      bareSdkLoop(false, bodyBytes, REFERENCE_IN_FLIGHT, "ceiling.std.16", figures);
    }
  }

  /** Runs the bare AWS SDK loop; records its rate as {@code name} and CPU as cpu.{name}.*. */
  private double bareSdkLoop(
      boolean fifo, int bodyBytes, int inFlight, String name, Figures figures) throws Exception {
    String queue = env.newQueue("ceiling", fifo);
    double rate;
    try (QueueConsumer consumer = fifo ? new QueueConsumer(env.sqs, queue, 2, false) : null) {
      long server = env.sqsServerCpuNanos();
      long client = BenchEnvironment.ownCpuNanos();
      rate = new SqsCeiling(env.sqsAsync).run(queue, bodyBytes, inFlight, options.ceilingSeconds());
      long sent = (long) (rate * options.ceilingSeconds());
      figures.add(name, rate);
      figures.addCpu("cpu." + name + ".server", env.sqsServerCpuNanos() - server, sent);
      figures.addCpu("cpu." + name + ".client", BenchEnvironment.ownCpuNanos() - client, sent);
    }
    env.deleteQueue(queue);
    return rate;
  }

  private void endToEnd(
      String base, Workload workload, boolean fifo, Figures figures, double ceiling)
      throws Exception {
    String kind = fifo ? "fifo" : "std";
    String slot = copy(base);
    Path profile = fifo ? null : profileFile(workload, "std");
    EndToEndRun.Result run = endToEnd.run(slot, workload, fifo, env.sqsBaseUrl, profile);
    env.db.dropSlot(slot);
    long delivered = run.delivered().count();
    double rate = run.delivered().steadyRate();
    figures.add("e2e." + kind, rate);
    figures.add("e2e." + kind + "/ceiling", rate / ceiling);
    figures.add("e2e." + kind + ".delivered", delivered);
    figures.addCpu("cpu.e2e." + kind + ".runnel", run.runnelCpuNanos(), delivered);
    figures.addCpu("cpu.e2e." + kind + ".server", run.serverCpuNanos(), delivered);
    Samples client = figures.get("cpu.ceiling." + kind + ".client");
    if (delivered > 0 && !client.isEmpty()) {
      figures.add(
          "cpu.e2e." + kind + ".runnel/client",
          run.runnelCpuNanos() / 1000.0 / delivered / client.last());
    }
    memory(figures, run.stopped());
    if (profile != null) {
      figures.addProfile("std", ProfileReader.read(profile));
    }
  }

  /** The same run through the delay proxy, right after the undelayed one it is compared with. */
  private void delayed(String base, Workload workload, boolean fifo, Figures figures)
      throws Exception {
    String kind = fifo ? "fifo" : "std";
    String slot = copy(base);
    String endpoint = env.delayedSqsBaseUrl(options.delayMillis());
    EndToEndRun.Result run = endToEnd.run(slot, workload, fifo, endpoint, null);
    env.db.dropSlot(slot);
    long delivered = run.delivered().count();
    double rate = run.delivered().steadyRate();
    figures.add("e2e." + kind + ".delay", rate);
    figures.add("e2e." + kind + ".delay/e2e." + kind, rate / figures.get("e2e." + kind).last());
    figures.add("e2e." + kind + ".delay.delivered", delivered);
    figures.addCpu("cpu.e2e." + kind + ".delay.runnel", run.runnelCpuNanos(), delivered);
    memory(figures, run.stopped());
  }

  private static void memory(Figures figures, AgentClient.Stopped stopped) {
    figures.add("mem.heap", stopped.peakHeap() / 1048576.0);
    figures.add("mem.live", stopped.peakLiveHeap() / 1048576.0);
    figures.add("mem.rss", stopped.peakRss() / 1048576.0);
  }
}

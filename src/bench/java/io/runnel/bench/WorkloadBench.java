package io.runnel.bench;

import io.runnel.decode.Lsn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one workload: its WAL is written once behind a base slot, then each run drains a fresh
 * copy of that slot with pg_recvlogical and with Runnel's null sink (back to back, so each ratio
 * compares neighbours), and times the SQS ceiling next to Runnel end to end (standard, then FIFO
 * with 128 groups while a consumer keeps the queue shallow), each end-to-end run followed by the
 * same run through the delay proxy. Standard runs go once per compared transport (in rotating
 * order), leg by leg: plain, with {@code --tls} over HTTPS, then delayed (over HTTPS with {@code
 * --tls}). Profiled runs also yield a {@link StageProfile}. Not thread-safe.
 */
final class WorkloadBench implements AutoCloseable {
  /** The bare SDK loop's depth the check compares with, measured once per workload. */
  static final int REFERENCE_IN_FLIGHT = 16;

  private final BenchEnvironment env;
  private final BenchOptions options;
  private final Concurrency concurrency;
  private final EndToEndRun endToEnd;
  private final S3Leg s3 = new S3Leg();
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
        if (fifo) {
          fifo(base, workload, figures, ceiling);
        } else {
          standard(base, workload, run, figures, ceiling);
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

  /**
   * Where a profiled run's recording goes; {@code null} when the run is not profiled.
   *
   * @param transport named in the file when transports are compared; else {@code null}
   */
  private Path profileFile(Workload workload, String kind, String transport) throws Exception {
    if (!options.profiles(workload, kind)) {
      return null;
    }
    Path directory = Files.createDirectories(env.directory.resolve("profiles"));
    String name = workload.name() + "-" + kind + (transport == null ? "" : "-" + transport);
    return directory.resolve(name + "-" + (slots + 1) + ".jfr"); // the slot copy the run gets
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
    Path profile = profileFile(workload, "null", null);
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

  /** Runnel end to end to a FIFO queue (baseline transport, plain HTTP), then delayed if asked. */
  private void fifo(String base, Workload workload, Figures figures, double ceiling)
      throws Exception {
    EndToEndRun.Result run = leg(base, workload, env.agent, true, env.sqsBaseUrl, null, figures);
    double rate = run.delivered().steadyRate();
    long delivered = run.delivered().count();
    figures.add("e2e.fifo", rate);
    figures.add("e2e.fifo/ceiling", rate / ceiling);
    figures.add("e2e.fifo.delivered", delivered);
    figures.addCpu("cpu.e2e.fifo.runnel", run.runnelCpuNanos(), delivered);
    figures.addCpu("cpu.e2e.fifo.server", run.serverCpuNanos(), delivered);
    if (options.measures("delay")) {
      String endpoint = env.delayedSqsBaseUrl(options.delayMillis());
      EndToEndRun.Result slow = leg(base, workload, env.agent, true, endpoint, null, figures);
      double slowRate = slow.delivered().steadyRate();
      figures.add("e2e.fifo.delay", slowRate);
      figures.add("e2e.fifo.delay/e2e.fifo", slowRate / rate);
      figures.add("e2e.fifo.delay.delivered", slow.delivered().count());
      figures.addCpu("cpu.e2e.fifo.delay.runnel", slow.runnelCpuNanos(), slow.delivered().count());
    }
  }

  /**
   * Runnel end to end to a standard queue, each leg once per transport (in {@code order}) before
   * the next leg, so the runs a ratio between transports compares are neighbours: plain HTTP, then
   * with {@code --tls} the same over HTTPS, then with {@code delay} through the delay proxy (over
   * HTTPS with {@code --tls}), divided by the same transport's last undelayed leg. Figures go under
   * {@code t.<transport>.} and, for the baseline transport, also under their plain names. The
   * database TLS leg runs right after the plain leg, or right before it in odd runs.
   */
  private void standard(String base, Workload workload, int run, Figures figures, double ceiling)
      throws Exception {
    List<String> order = options.transportOrder(run);
    boolean pgTls = options.measuresPgTls();
    EndToEndRun.Result overTls =
        pgTls && run % 2 == 1 ? overDatabaseTls(base, workload, figures) : null;
    Map<String, Double> undelayed = new HashMap<>();
    for (String transport : order) {
      undelayed.put(transport, plain(base, workload, transport, figures, ceiling));
    }
    if (options.tls()) {
      for (String transport : order) {
        undelayed.put(transport, tls(base, workload, transport, figures));
      }
    }
    if (options.measures("delay")) {
      for (String transport : order) {
        delayed(base, workload, transport, figures, undelayed.get(transport));
      }
    }
    if (options.measures("s3") && workload.name().equals(S3Leg.WORKLOAD)) {
      offloaded(base, workload, figures, undelayed.get(options.baseline()));
    }
    if (pgTls) {
      if (overTls == null) {
        overTls = overDatabaseTls(base, workload, figures);
      }
      PgTlsLeg.record(overTls, undelayed.get(options.baseline()), figures);
      Path opens =
          env.runnelConfig(
              "pgtls_opens",
              false,
              workload.table(),
              "http://localhost:1/000000000000/null",
              false);
      env.pgTls.measureOpensAndTokens(opens, figures);
    }
  }

  /**
   * The standard leg again with Runnel's database connections over verify-full ({@link PgTlsLeg});
   * its figures are recorded once the plain run of the same measured run is, by {@link
   * PgTlsLeg#record}.
   */
  private EndToEndRun.Result overDatabaseTls(String base, Workload workload, Figures figures)
      throws Exception {
    // with --profile, profiled like the plain runs
    Path profile = options.profileAll() ? profileFile(workload, "std", "pgtls") : null;
    String slot = copy(base);
    EndToEndRun.Result run =
        endToEnd.run(
            env.agent, slot, workload, false, env.sqsBaseUrl, profile, env.pgTls::verifyFull);
    env.db.dropSlot(slot);
    memory(figures, run.stopped());
    if (profile != null) {
      figures.addProfile("std pgtls", ProfileReader.read(profile));
    }
    return run;
  }

  /** The standard leg again with every body offloaded to S3 ({@link S3Leg}). */
  private void offloaded(String base, Workload workload, Figures figures, double inline)
      throws Exception {
    String slot = copy(base);
    String offload = s3.destinationYaml();
    EndToEndRun.Result run =
        endToEnd.run(
            env.agent, slot, workload, false, env.sqsBaseUrl, null, yaml -> yaml + offload);
    env.db.dropSlot(slot);
    memory(figures, run.stopped());
    double rate = run.delivered().steadyRate();
    figures.add("e2e.std.s3", rate);
    figures.add("e2e.std.s3/e2e.std", rate / inline);
    figures.add("e2e.std.s3.delivered", run.delivered().count());
    figures.addCpu("cpu.e2e.std.s3.runnel", run.runnelCpuNanos(), run.delivered().count());
  }

  @Override
  public void close() throws Exception {
    s3.close();
  }

  private double plain(
      String base, Workload workload, String transport, Figures figures, double ceiling)
      throws Exception {
    Named named = named(figures, transport);
    boolean compared = options.transportLabels().size() > 1;
    Path profile = profileFile(workload, "std", compared ? transport : null);
    EndToEndRun.Result run =
        leg(base, workload, env.agents.get(transport), false, env.sqsBaseUrl, profile, figures);
    long delivered = run.delivered().count();
    double rate = run.delivered().steadyRate();
    named.add("e2e.std", rate);
    named.add("e2e.std/ceiling", rate / ceiling);
    named.add("e2e.std.delivered", delivered);
    named.addCpu("cpu.e2e.std.runnel", run.runnelCpuNanos(), delivered);
    named.addCpu("cpu.e2e.std.server", run.serverCpuNanos(), delivered);
    Samples client = figures.get("cpu.ceiling.std.client");
    if (delivered > 0 && !client.isEmpty()) {
      named.add(
          "cpu.e2e.std.runnel/client", run.runnelCpuNanos() / 1000.0 / delivered / client.last());
    }
    if (profile != null) {
      figures.addProfile(compared ? "std " + transport : "std", ProfileReader.read(profile));
    }
    return rate;
  }

  private double tls(String base, Workload workload, String transport, Figures figures)
      throws Exception {
    Named named = named(figures, transport);
    String endpoint = env.tlsSqsBaseUrl();
    int connections = env.tlsConnections();
    EndToEndRun.Result run =
        leg(base, workload, env.agents.get(transport), false, endpoint, null, figures);
    long delivered = run.delivered().count();
    double rate = run.delivered().steadyRate();
    named.add("e2e.std.tls", rate);
    named.add("e2e.std.tls.delivered", delivered);
    named.add("e2e.std.tls.connections", env.tlsConnections() - connections);
    named.addCpu("cpu.e2e.std.tls.runnel", run.runnelCpuNanos(), delivered);
    named.addCpu("cpu.e2e.std.tls.server", run.serverCpuNanos(), delivered);
    named.addCpu("cpu.e2e.std.tls.front", run.benchCpuNanos(), delivered);
    return rate;
  }

  private void delayed(
      String base, Workload workload, String transport, Figures figures, double undelayed)
      throws Exception {
    Named named = named(figures, transport);
    String endpoint =
        options.tls()
            ? env.tlsDelayedSqsBaseUrl(options.delayMillis())
            : env.delayedSqsBaseUrl(options.delayMillis());
    int connections = env.tlsConnections();
    EndToEndRun.Result run =
        leg(base, workload, env.agents.get(transport), false, endpoint, null, figures);
    long delivered = run.delivered().count();
    double rate = run.delivered().steadyRate();
    named.add("e2e.std.delay", rate);
    named.add("e2e.std.delay/e2e.std", rate / undelayed);
    named.add("e2e.std.delay.delivered", delivered);
    if (options.tls()) {
      named.add("e2e.std.delay.connections", env.tlsConnections() - connections);
    }
    named.addCpu("cpu.e2e.std.delay.runnel", run.runnelCpuNanos(), delivered);
    named.addCpu("cpu.e2e.std.delay.front", run.benchCpuNanos(), delivered);
  }

  private Named named(Figures figures, String transport) {
    return new Named(figures, transport, transport.equals(options.baseline()));
  }

  /** One end-to-end run on a fresh copy of the workload's slot; its memory peaks recorded. */
  private EndToEndRun.Result leg(
      String base,
      Workload workload,
      AgentClient agent,
      boolean fifo,
      String endpoint,
      Path profile,
      Figures figures)
      throws Exception {
    String slot = copy(base);
    EndToEndRun.Result run = endToEnd.run(agent, slot, workload, fifo, endpoint, profile);
    env.db.dropSlot(slot);
    memory(figures, run.stopped());
    return run;
  }

  /**
   * Records a standard leg's figures as {@code t.<transport>.<figure>}, the baseline's also as
   * {@code <figure>} (what the tables of a run without compared transports read).
   */
  private record Named(Figures figures, String transport, boolean baseline) {
    void add(String figure, double value) {
      figures.add(transportFigure(transport, figure), value);
      if (baseline) {
        figures.add(figure, value);
      }
    }

    void addCpu(String figure, long cpuNanos, long count) {
      if (count > 0) {
        add(figure, cpuNanos / 1000.0 / count);
      }
    }
  }

  /** The name under which {@code transport}'s runs record {@code figure}. */
  static String transportFigure(String transport, String figure) {
    return "t." + transport + "." + figure;
  }

  private static void memory(Figures figures, AgentClient.Stopped stopped) {
    figures.add("mem.heap", stopped.peakHeap() / 1048576.0);
    figures.add("mem.live", stopped.peakLiveHeap() / 1048576.0);
    figures.add("mem.rss", stopped.peakRss() / 1048576.0);
  }
}

package io.runnel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * One run of Runnel end to end: a fresh copy of the workload's slot to a fresh queue (standard, or
 * FIFO with a consumer keeping it shallow), with Runnel's requests sent straight to the SQS server,
 * through the delay proxy, or over HTTPS to a TLS front; optionally profiled. Not thread-safe.
 */
final class EndToEndRun {
  private final BenchEnvironment env;
  private final BenchOptions options;

  /**
   * What one run measured.
   *
   * @param runnelCpuNanos the Runnel JVM's CPU from before its start to the end of the wait
   * @param serverCpuNanos the SQS server's over the same time
   * @param benchCpuNanos this (the bench) JVM's over the same time: the TLS fronts and the delay
   *     proxy when Runnel goes through them, else next to nothing (FIFO runs: the consumer too)
   */
  record Result(
      AgentClient.Delivered delivered,
      long runnelCpuNanos,
      long serverCpuNanos,
      long benchCpuNanos,
      AgentClient.Stopped stopped) {}

  EndToEndRun(BenchEnvironment env, BenchOptions options) {
    this.env = env;
    this.options = options;
  }

  /**
   * Drains {@code slot} into a new queue for at most the end-to-end run length.
   *
   * @param agent the Runnel JVM to run in (one per compared transport)
   * @param sqsEndpoint where Runnel sends its requests (the server, the delay proxy, a TLS front);
   *     over HTTPS the queue URL Runnel is given is the front's too
   * @param profile where to write the run's JFR recording; {@code null}: not profiled
   */
  Result run(
      AgentClient agent,
      String slot,
      Workload workload,
      boolean fifo,
      String sqsEndpoint,
      Path profile)
      throws Exception {
    return run(agent, slot, workload, fifo, sqsEndpoint, profile, UnaryOperator.identity());
  }

  /** As above, with Runnel's config rewritten by {@code editConfig} (S3 offload, database TLS). */
  Result run(
      AgentClient agent,
      String slot,
      Workload workload,
      boolean fifo,
      String sqsEndpoint,
      Path profile,
      UnaryOperator<String> editConfig)
      throws Exception {
    String queue = env.newQueue("runnel", fifo);
    // FIFO runs group by account_id (128 groups) unless -Dbench.fifo-groups=key (one per row).
    boolean byAccount = fifo && !"key".equals(System.getProperty("bench.fifo-groups"));
    String queueUrl = BenchEnvironment.queueUrlVia(queue, sqsEndpoint);
    Path config = env.runnelConfig(slot, false, workload.table(), queueUrl, byAccount, sqsEndpoint);
    Files.writeString(config, editConfig.apply(Files.readString(config)));
    Result result;
    try (QueueConsumer consumer = fifo ? new QueueConsumer(env.sqs, queue, 2, false) : null) {
      if (profile != null) {
        agent.profileNextRun(options.profileMillis(), profile);
      }
      long agentCpu = BenchEnvironment.agentCpuNanos(agent);
      long server = env.sqsServerCpuNanos();
      long bench = BenchEnvironment.ownCpuNanos();
      agent.start(false, config);
      AgentClient.Delivered delivered =
          agent.await(workload.changes(), (long) (options.endToEndSeconds() * 1000));
      long runnelCpu = BenchEnvironment.agentCpuNanos(agent) - agentCpu;
      long serverCpu = env.sqsServerCpuNanos() - server;
      long benchCpu = BenchEnvironment.ownCpuNanos() - bench;
      result = new Result(delivered, runnelCpu, serverCpu, benchCpu, agent.stop());
    }
    env.deleteQueue(queue);
    return result;
  }
}

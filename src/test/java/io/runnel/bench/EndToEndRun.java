package io.runnel.bench;

import java.nio.file.Path;

/**
 * One run of Runnel end to end: a fresh copy of the workload's slot to a fresh queue (standard, or
 * FIFO with a consumer keeping it shallow), with Runnel's requests sent straight to the SQS server
 * or through the delay proxy; optionally profiled. Not thread-safe.
 */
final class EndToEndRun {
  private final BenchEnvironment env;
  private final BenchOptions options;

  /**
   * What one run measured.
   *
   * @param runnelCpuNanos the Runnel JVM's CPU from before its start to the end of the wait
   * @param serverCpuNanos the SQS server's over the same time
   */
  record Result(
      AgentClient.Delivered delivered,
      long runnelCpuNanos,
      long serverCpuNanos,
      AgentClient.Stopped stopped) {}

  EndToEndRun(BenchEnvironment env, BenchOptions options) {
    this.env = env;
    this.options = options;
  }

  /**
   * Drains {@code slot} into a new queue for at most the end-to-end run length.
   *
   * @param sqsEndpoint where Runnel sends its requests (the server, or the delay proxy)
   * @param profile where to write the run's JFR recording; {@code null}: not profiled
   */
  Result run(String slot, Workload workload, boolean fifo, String sqsEndpoint, Path profile)
      throws Exception {
    String queue = env.newQueue("runnel", fifo);
    // FIFO runs group by account_id (128 groups) unless -Dbench.fifo-groups=key (one per row).
    boolean byAccount = fifo && !"key".equals(System.getProperty("bench.fifo-groups"));
    Path config = env.runnelConfig(slot, false, workload.table(), queue, byAccount, sqsEndpoint);
    Result result;
    try (QueueConsumer consumer = fifo ? new QueueConsumer(env.sqs, queue, 2, false) : null) {
      if (profile != null) {
        env.agent.profileNextRun(options.profileMillis(), profile);
      }
      long agentCpu = env.agentCpuNanos();
      long server = env.sqsServerCpuNanos();
      env.agent.start(false, config);
      AgentClient.Delivered delivered =
          env.agent.await(workload.changes(), (long) (options.endToEndSeconds() * 1000));
      long runnelCpu = env.agentCpuNanos() - agentCpu;
      long serverCpu = env.sqsServerCpuNanos() - server;
      result = new Result(delivered, runnelCpu, serverCpu, env.agent.stop());
    }
    env.deleteQueue(queue);
    return result;
  }
}

package io.runnel.bench;

import io.micrometer.core.instrument.search.Search;
import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Runnel in its own JVM for the benchmark, driven over stdin (see {@link AgentClient}): it stays up
 * between runs, so the JIT warms once, and its CPU time and memory are Runnel's alone.
 *
 * <p>Commands: {@code START null|sqs <config.yaml>}, {@code WAIT <messages> <maxMillis>}, {@code
 * STOP}, {@code MEMORY}, {@code GC}, and {@code PROFILE <periodMillis> <file.jfr>} to record the
 * next run with JFR ({@link AgentProfiler}). Not thread-safe (one command at a time).
 */
final class RunnelAgent {
  private final MemoryWatch memory = new MemoryWatch();
  private final ThreadCpu threadCpu = new ThreadCpu();
  private final AgentProfiler profiler = new AgentProfiler();
  private Runnel runnel;
  private long startedNanos;

  private RunnelAgent() {}

  public static void main(String[] args) throws Exception {
    RunnelAgent agent = new RunnelAgent();
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    ChildJvm.reply("READY");
    String line;
    while ((line = commands.readLine()) != null) {
      try {
        agent.handle(line.trim().split(" "));
      } catch (Exception e) {
        e.printStackTrace();
        ChildJvm.reply("ERROR", String.valueOf(e.getMessage()).replace('\n', ' '));
      }
    }
    System.exit(0);
  }

  private void handle(String[] command) throws Exception {
    switch (command[0]) {
      case "START" -> start(command[1].equals("null"), Path.of(command[2]));
      case "WAIT" -> awaitDelivered(Long.parseLong(command[1]), Long.parseLong(command[2]));
      case "STOP" -> stop();
      case "PROFILE" -> {
        profiler.arm(Long.parseLong(command[1]), Path.of(command[2]));
        ChildJvm.reply("ARMED");
      }
      case "GC" -> {
        System.gc();
        reportMemory(memory.now());
      }
      case "MEMORY" -> reportMemory(memory.now());
      default -> throw new IllegalArgumentException("unknown command " + command[0]);
    }
  }

  private void start(boolean nullSink, Path configFile) throws Exception {
    RunnelConfig config = ConfigLoader.parse(Files.readString(configFile), Map.of());
    memory.reset();
    NullSink.resetCounts();
    threadCpu.mark();
    profiler.runStarting();
    runnel =
        nullSink
            ? Runnel.start(
                RunnelOptions.defaults(config)
                    .withSinks(registry -> sink -> new NullSink(sink.batchSize())))
            : Runnel.start(RunnelOptions.defaults(config));
    startedNanos = System.nanoTime();
    ChildJvm.reply("STARTED");
  }

  /**
   * Answers {@code DELIVERED <count> <nanos since START returned> <nanos until the first delivery>}
   * once {@code expected} messages are delivered, or after {@code maxMillis}.
   */
  private void awaitDelivered(long expected, long maxMillis) {
    long deadline = startedNanos + maxMillis * 1_000_000;
    long delivered = delivered();
    long peakLimit = 0;
    long first = delivered > 0 ? 0 : -1;
    while (delivered < expected && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(5_000_000);
      delivered = delivered();
      peakLimit = Math.max(peakLimit, gauge("runnel.requests.in.flight.limit"));
      if (first < 0 && delivered > 0) {
        first = System.nanoTime() - startedNanos;
      }
    }
    System.err.println(
        "[agent] delivered "
            + delivered
            + " in "
            + count("runnel.sqs.requests")
            + " SQS requests (requests in flight allowed, at most: "
            + peakLimit
            + "); CPU by thread: "
            + threadCpu.sinceMark());
    profiler.runMeasured(delivered);
    ChildJvm.reply("DELIVERED", delivered, System.nanoTime() - startedNanos, Math.max(first, 0));
  }

  private long delivered() {
    return (long)
        Search.in(runnel.metrics()).name("runnel.messages.delivered").functionCounters().stream()
            .mapToDouble(c -> c.count())
            .sum();
  }

  private long gauge(String name) {
    return (long)
        Search.in(runnel.metrics()).name(name).gauges().stream()
            .mapToDouble(g -> g.value())
            .max()
            .orElse(0);
  }

  private long count(String counter) {
    return (long)
        Search.in(runnel.metrics()).name(counter).counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
  }

  private void stop() throws IOException {
    runnel.close();
    runnel = null;
    profiler.runStopped();
    MemoryWatch.Memory peaks = memory.peaks();
    ChildJvm.reply(
        "STOPPED", peaks.heapUsed(), peaks.liveHeap(), peaks.rss(), NullSink.meanBodyBytes());
  }

  private static void reportMemory(MemoryWatch.Memory now) {
    ChildJvm.reply("MEMORY", now.heapUsed(), now.liveHeap(), now.rss());
  }
}

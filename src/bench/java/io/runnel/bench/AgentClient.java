package io.runnel.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The benchmark's handle on {@link RunnelAgent}, the JVM that runs Runnel. Not thread-safe. */
final class AgentClient implements AutoCloseable {
  private final ChildJvm jvm;

  private AgentClient(ChildJvm jvm) {
    this.jvm = jvm;
  }

  /** Starts the agent JVM with {@code jvmOptions} (heap bound, JFR) and waits until it is ready. */
  static AgentClient start(List<String> jvmOptions, Path log) throws IOException {
    ChildJvm jvm = ChildJvm.start(RunnelAgent.class, jvmOptions, log);
    jvm.answer();
    return new AgentClient(jvm);
  }

  long pid() {
    return jvm.pid();
  }

  /** Starts Runnel with {@code config}; every sink replaced by a null sink when asked. */
  void start(boolean nullSink, Path config) throws IOException {
    jvm.ask("START " + (nullSink ? "null " : "sqs ") + config.toAbsolutePath());
  }

  /**
   * Records the next run (from {@link #start(boolean, Path)} to the end of {@link #await}) with
   * JFR, sampling every {@code periodMillis}; {@link #stop} writes it to {@code file}.
   */
  void profileNextRun(long periodMillis, Path file) throws IOException {
    jvm.ask("PROFILE " + periodMillis + " " + file.toAbsolutePath());
  }

  /** Waits until {@code expected} messages are delivered or {@code maxMillis} have passed. */
  Delivered await(long expected, long maxMillis) throws IOException {
    String[] answer = jvm.ask("WAIT " + expected + " " + maxMillis);
    return new Delivered(
        Long.parseLong(answer[1]), Long.parseLong(answer[2]), Long.parseLong(answer[3]));
  }

  /** Stops Runnel (it finishes what it buffered) and returns the run's memory peaks. */
  Stopped stop() throws IOException {
    String[] answer = jvm.ask("STOP");
    return new Stopped(
        Long.parseLong(answer[1]),
        Long.parseLong(answer[2]),
        Long.parseLong(answer[3]),
        Long.parseLong(answer[4]));
  }

  /** Current memory; after a full collection when {@code collect}. */
  MemoryWatch.Memory memory(boolean collect) throws IOException {
    String[] answer = jvm.ask(collect ? "GC" : "MEMORY");
    return new MemoryWatch.Memory(
        Long.parseLong(answer[1]), Long.parseLong(answer[2]), Long.parseLong(answer[3]));
  }

  /**
   * Progress of one run.
   *
   * @param elapsedNanos since Runnel's start returned
   * @param firstNanos from Runnel's start to the first delivery
   */
  record Delivered(long count, long elapsedNanos, long firstNanos) {
    /** Messages per second from the first delivery to the last seen. */
    double steadyRate() {
      return count / ((elapsedNanos - firstNanos) / 1e9);
    }

    /** Messages per second from Runnel's start. */
    double rate() {
      return count / (elapsedNanos / 1e9);
    }
  }

  /** Peaks of one run, in bytes, and the null sink's mean body size. */
  record Stopped(long peakHeap, long peakLiveHeap, long peakRss, long meanBodyBytes) {}

  @Override
  public void close() {
    jvm.close();
  }
}

package io.runnel.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;

/**
 * The Runnel agent's side of profile mode: when armed ({@code PROFILE}), the next run is recorded
 * with JFR ({@code jdk.ExecutionSample} and {@code jdk.NativeMethodSample} at the armed period)
 * from {@code START}; at the end of {@code WAIT} each Java thread's CPU time since {@code START}
 * (ThreadMXBean), the process's and its GC and JIT threads' ({@code /proc}), and the messages
 * delivered are written into the recording as {@link ThreadCpu} and {@link RunCpu} events, and
 * samples after that moment are not counted ({@link ProfileReader}); {@code STOP} dumps the
 * recording to the armed file. Not thread-safe (the agent's command loop only).
 */
final class AgentProfiler {
  static final String THREAD_CPU_EVENT = "io.runnel.bench.ThreadCpu";
  static final String RUN_CPU_EVENT = "io.runnel.bench.RunCpu";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final long pid = ProcessHandle.current().pid();
  private final JvmThreadCpu jvmThreads = new JvmThreadCpu();
  private Duration period;
  private Path file;
  private Recording recording;
  private Map<Long, Long> threadsAtStart = Map.of();
  private long processAtStart;

  /** CPU time of one Java thread over the profiled interval. */
  @Name(THREAD_CPU_EVENT)
  @Label("Thread CPU over a bench run")
  static final class ThreadCpu extends Event {
    @Label("Java thread id")
    long javaThreadId;

    @Label("Thread name")
    String threadName;

    @Label("CPU nanoseconds")
    long cpuNanos;
  }

  /** The process's CPU time and the messages delivered over the profiled interval. */
  @Name(RUN_CPU_EVENT)
  @Label("Process CPU over a bench run")
  static final class RunCpu extends Event {
    @Label("Process CPU nanoseconds")
    long cpuNanos;

    @Label("Messages delivered")
    long messages;

    @Label("CPU nanoseconds of GC threads and the VM thread")
    long gcNanos;

    @Label("CPU nanoseconds of JIT compiler threads")
    long jitNanos;
  }

  /** Records the next run, sampling every {@code periodMillis}, into {@code file}. */
  void arm(long periodMillis, Path file) {
    this.period = Duration.ofMillis(periodMillis);
    this.file = file;
  }

  /** At {@code START}: begins recording if armed. */
  void runStarting() {
    if (file == null) {
      return;
    }
    recording = new Recording();
    recording.setName("runnel-bench-profile");
    recording.enable("jdk.ExecutionSample").withPeriod(period);
    recording.enable("jdk.NativeMethodSample").withPeriod(period);
    recording.enable(ThreadCpu.class);
    recording.enable(RunCpu.class);
    recording.start();
    // Read in the same order, back to back, at both ends, so the three intervals match: Runnel
    // keeps running while they are read.
    processAtStart = ProcessStats.cpuNanos(pid);
    threadsAtStart = snapshot();
    jvmThreads.mark();
  }

  /** At the end of {@code WAIT}: writes the run's CPU into the recording. */
  void runMeasured(long delivered) {
    if (recording == null) {
      return;
    }
    long process = ProcessStats.cpuNanos(pid) - processAtStart;
    Map<Long, Long> now = snapshot();
    JvmThreadCpu.Split jvm = jvmThreads.sinceMark();
    for (Map.Entry<Long, Long> entry : now.entrySet()) {
      ThreadInfo info = threads.getThreadInfo(entry.getKey());
      long nanos = entry.getValue() - threadsAtStart.getOrDefault(entry.getKey(), 0L);
      if (info != null && nanos > 0) {
        ThreadCpu event = new ThreadCpu();
        event.javaThreadId = entry.getKey();
        event.threadName = info.getThreadName();
        event.cpuNanos = nanos;
        event.commit();
      }
    }
    RunCpu run = new RunCpu();
    run.cpuNanos = process;
    run.messages = delivered;
    run.gcNanos = jvm.gcNanos();
    run.jitNanos = jvm.jitNanos();
    run.commit();
  }

  /** At {@code STOP}: stops recording and writes the file; disarms. */
  void runStopped() throws IOException {
    if (recording == null) {
      file = null;
      return;
    }
    try {
      recording.stop();
      recording.dump(file);
    } finally {
      recording.close();
      recording = null;
      file = null;
    }
  }

  private Map<Long, Long> snapshot() {
    return io.runnel.bench.ThreadCpu.snapshot(threads);
  }
}

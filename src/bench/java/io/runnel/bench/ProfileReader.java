package io.runnel.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads one profiled run's recording (written by {@link AgentProfiler}) into a {@link
 * StageProfile}: counts each thread's execution and working native samples by stage ({@link
 * StageRules}) up to the end of the measured interval, then divides the threads' CPU by those
 * counts ({@link CpuAttribution}). Virtual threads are counted together with their carrier threads
 * ({@code ForkJoinPool-N-worker-M}): JFR names the virtual thread, the CPU is the carrier's.
 * Stateless.
 */
final class ProfileReader {
  private static final long VIRTUAL_THREADS = -1;
  private static final Pattern CARRIER = Pattern.compile("ForkJoinPool-\\d+-worker-\\d+");

  private ProfileReader() {}

  static StageProfile read(Path file) throws IOException {
    Map<Long, CpuAttribution.ThreadCpuTime> cpu = new HashMap<>();
    Instant end = null;
    long processCpu = 0;
    long messages = 0;
    long gc = 0;
    long jit = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        switch (event.getEventType().getName()) {
          case AgentProfiler.THREAD_CPU_EVENT -> {
            String name = event.getString("threadName");
            long key =
                CARRIER.matcher(name).matches() ? VIRTUAL_THREADS : event.getLong("javaThreadId");
            cpu.merge(
                key,
                new CpuAttribution.ThreadCpuTime(name, event.getLong("cpuNanos")),
                (a, b) -> new CpuAttribution.ThreadCpuTime(a.name(), a.nanos() + b.nanos()));
          }
          case AgentProfiler.RUN_CPU_EVENT -> {
            end = event.getEndTime();
            processCpu = event.getLong("cpuNanos");
            messages = event.getLong("messages");
            gc = event.getLong("gcNanos");
            jit = event.getLong("jitNanos");
          }
          default -> {}
        }
      }
    }
    if (end == null) {
      throw new IOException(file + " holds no " + AgentProfiler.RUN_CPU_EVENT + " event");
    }
    Map<Long, ThreadSamples> samples = new HashMap<>();
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        String type = event.getEventType().getName();
        boolean execution = type.equals("jdk.ExecutionSample");
        if ((execution || type.equals("jdk.NativeMethodSample"))
            && !event.getStartTime().isAfter(end)) {
          count(event, !execution, samples);
        }
      }
    }
    return CpuAttribution.attribute(samples, cpu, processCpu, messages).withJvmSplit(gc, jit);
  }

  private static void count(
      RecordedEvent event, boolean nativeSample, Map<Long, ThreadSamples> to) {
    RecordedThread thread = event.getThread("sampledThread");
    RecordedStackTrace stack = event.getStackTrace();
    if (thread == null || stack == null || stack.getFrames().isEmpty()) {
      return;
    }
    List<String> frames = new ArrayList<>(stack.getFrames().size());
    for (RecordedFrame frame : stack.getFrames()) {
      frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
    }
    if (nativeSample && StageRules.waiting(frames.getFirst())) {
      return;
    }
    String name = thread.getJavaName() == null ? "" : thread.getJavaName();
    long key =
        thread.isVirtual() || CARRIER.matcher(name).matches()
            ? VIRTUAL_THREADS
            : thread.getJavaThreadId();
    to.computeIfAbsent(key, k -> new ThreadSamples())
        .add(StageRules.classify(frames, name), frames.getFirst());
  }
}

package io.runnel.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads between two points, grouped by thread name without its numbers (so
 * a pool's threads add up): where Runnel's CPU goes. Not thread-safe.
 */
final class ThreadCpu {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> start = new HashMap<>();

  /** Starts a new interval. */
  void mark() {
    start = snapshot();
  }

  /** Milliseconds of CPU per thread group since {@link #mark}, largest first, as one line. */
  String sinceMark() {
    Map<String, Long> byGroup = new TreeMap<>();
    snapshot()
        .forEach(
            (id, cpu) -> {
              ThreadInfo info = threads.getThreadInfo(id);
              if (info != null) {
                String group = info.getThreadName().replaceAll("[0-9]+", "#");
                byGroup.merge(group, cpu - start.getOrDefault(id, 0L), Long::sum);
              }
            });
    return byGroup.entrySet().stream()
        .filter(e -> e.getValue() >= 5_000_000)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + "=" + e.getValue() / 1_000_000 + "ms")
        .collect(Collectors.joining(" "));
  }

  private Map<Long, Long> snapshot() {
    return snapshot(threads);
  }

  /** CPU nanoseconds of every live thread, by thread id. */
  static Map<Long, Long> snapshot(ThreadMXBean threads) {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long nanos = threads.getThreadCpuTime(id);
      if (nanos >= 0) {
        cpu.put(id, nanos);
      }
    }
    return cpu;
  }
}

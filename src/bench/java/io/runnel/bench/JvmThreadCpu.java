package io.runnel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's garbage-collector and JIT-compiler threads, read per OS thread from {@code
 * /proc/self/task} (neither is visible to ThreadMXBean): splits the profile's JVM row. Zero where
 * there is no {@code /proc}. Not thread-safe.
 */
final class JvmThreadCpu {
  /** Linux thread names (15 characters at most) of HotSpot's GC threads and its VM thread. */
  static final Pattern GC = Pattern.compile("GC Thread.*|G1 .*|VM Thread|ZGC.*|Shenandoah.*");

  static final Pattern JIT = Pattern.compile("C[12] CompilerThre.*");

  private Map<String, Long> start = Map.of();

  /** CPU of the GC and JIT threads since {@link #mark}, in nanoseconds. */
  record Split(long gcNanos, long jitNanos) {}

  void mark() {
    start = snapshot();
  }

  Split sinceMark() {
    long gc = 0;
    long jit = 0;
    for (Map.Entry<String, Long> entry : snapshot().entrySet()) {
      String name = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
      long nanos = entry.getValue() - start.getOrDefault(entry.getKey(), 0L);
      if (GC.matcher(name).matches()) {
        gc += nanos;
      } else if (JIT.matcher(name).matches()) {
        jit += nanos;
      }
    }
    return new Split(gc, jit);
  }

  /** CPU by {@code "<tid> <name>"} of every thread of this process now. */
  private static Map<String, Long> snapshot() {
    Map<String, Long> cpu = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat = Files.readString(task.resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String tid = task.getFileName().toString();
        cpu.put(tid + " " + name, ProcessStats.cpuNanosOfStat(stat));
      }
    } catch (IOException | RuntimeException e) {
      // No /proc, or a thread ended while listing: what was read so far stands.
    }
    return cpu;
  }
}

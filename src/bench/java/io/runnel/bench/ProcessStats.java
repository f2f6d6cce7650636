package io.runnel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a Linux process, read from {@code /proc}. Returns zero for a
 * process that is gone or on a system without {@code /proc}. Stateless; thread-safe.
 */
final class ProcessStats {
  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessStats() {}

  /** User plus system CPU time of {@code pid} so far, in nanoseconds. */
  static long cpuNanos(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    return stat == null ? 0 : cpuNanosOfStat(stat);
  }

  /** User plus system CPU time in one {@code stat} file's text (a process's or a thread's). */
  static long cpuNanosOfStat(String stat) {
    // Fields after the command name (which may hold spaces) start at field 3 (state).
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 1_000_000_000L / TICKS_PER_SECOND;
  }

  /** Resident set size of {@code pid} now, in bytes. */
  static long rssBytes(long pid) {
    return statusKilobytes(pid, "VmRSS:") * 1024;
  }

  private static long statusKilobytes(long pid, String field) {
    String status = read(Path.of("/proc", Long.toString(pid), "status"));
    if (status == null) {
      return 0;
    }
    for (String line : status.split("\n")) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
      }
    }
    return 0;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}

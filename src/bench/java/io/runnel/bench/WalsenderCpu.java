package io.runnel.bench;

import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows the CPU time of the walsender serving one slot, on a daemon thread: the walsender exits
 * with its client, so its last reading (taken every 20 ms) stands for its total. Thread-safe.
 */
final class WalsenderCpu {
  private static final long PERIOD_NANOS = 20_000_000;

  private volatile boolean running = true;
  private volatile long lastCpu;
  private final Thread thread;

  private WalsenderCpu(BenchDatabase db, String slot) {
    this.thread =
        Thread.ofPlatform().daemon().name("bench-walsender-cpu").start(() -> run(db, slot));
  }

  static WalsenderCpu follow(BenchDatabase db, String slot) {
    return new WalsenderCpu(db, slot);
  }

  private void run(BenchDatabase db, String slot) {
    long pid = 0;
    while (running) {
      try {
        if (pid == 0) {
          pid = db.walsenderPid(slot);
        }
      } catch (SQLException e) {
        // The slot may not be active yet; try again.
      }
      if (pid != 0) {
        long cpu = ProcessStats.cpuNanos(pid);
        if (cpu > 0) {
          lastCpu = cpu;
        }
      }
      LockSupport.parkNanos(PERIOD_NANOS);
    }
  }

  /** The walsender's CPU time as last seen, in nanoseconds. */
  long stop() throws InterruptedException {
    running = false;
    thread.join();
    return lastCpu;
  }
}

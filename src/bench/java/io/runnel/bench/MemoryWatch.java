package io.runnel.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples this JVM's heap and resident memory every 10 ms on a daemon thread and keeps the peaks
 * since the last {@link #reset}. Thread-safe.
 */
final class MemoryWatch {
  private static final long PERIOD_NANOS = 10_000_000;

  private final long pid = ProcessHandle.current().pid();
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private volatile long peakHeap;
  private volatile long peakLive;
  private volatile long peakRss;

  /** A snapshot: heap in use, heap live after the latest collections, and RSS, in bytes. */
  record Memory(long heapUsed, long liveHeap, long rss) {}

  MemoryWatch() {
    Thread.ofPlatform().daemon().name("bench-memory-watch").start(this::run);
  }

  private void run() {
    while (true) {
      Memory now = now();
      peakHeap = Math.max(peakHeap, now.heapUsed());
      peakLive = Math.max(peakLive, now.liveHeap());
      peakRss = Math.max(peakRss, now.rss());
      LockSupport.parkNanos(PERIOD_NANOS);
    }
  }

  Memory now() {
    long used = 0;
    long live = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      used += pool.getUsage().getUsed();
      MemoryUsage afterGc = pool.getCollectionUsage();
      live += afterGc == null ? 0 : afterGc.getUsed();
    }
    return new Memory(used, live, ProcessStats.rssBytes(pid));
  }

  void reset() {
    peakHeap = 0;
    peakLive = 0;
    peakRss = 0;
  }

  Memory peaks() {
    return new Memory(peakHeap, peakLive, peakRss);
  }
}

package io.runnel.ha;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the instance's roles: each role's {@link DatabaseRole#tick} once a second (on its own
 * thread, so a takeover that blocks while a pipeline starts does not delay another database's lease
 * check), and the {@link Balancer} every few seconds when there are several databases. {@link
 * #close} stops the threads; it does not close the roles.
 */
public final class RoleScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RoleScheduler.class);
  private static final long TICK_MS = 1000;
  private static final long BALANCE_EVERY_MS = 5000;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final ScheduledExecutorService threads;

  private RoleScheduler(ScheduledExecutorService threads) {
    this.threads = threads;
  }

  public static RoleScheduler start(String instanceId, List<? extends DatabaseRole<?>> roles) {
    AtomicInteger count = new AtomicInteger();
    ScheduledExecutorService threads =
        Executors.newScheduledThreadPool(
            roles.size() + 1,
            r ->
                Thread.ofPlatform()
                    .name("runnel-lease-" + count.incrementAndGet())
                    .daemon()
                    .unstarted(r));
    for (DatabaseRole<?> role : roles) {
      threads.scheduleWithFixedDelay(role::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }
    if (roles.size() > 1) {
      threads.scheduleWithFixedDelay(
          new Balancer(instanceId, roles)::run,
          BALANCE_EVERY_MS,
          BALANCE_EVERY_MS,
          TimeUnit.MILLISECONDS);
    }
    return new RoleScheduler(threads);
  }

  /** Stops ticking; waits for a tick in progress (a takeover, say) to end. Blocks. */
  @Override
  public void close() {
    threads.shutdownNow();
    try {
      if (!threads.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("lease checks still running after {} s; stopping anyway", STOP_TIMEOUT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

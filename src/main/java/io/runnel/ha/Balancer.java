package io.runnel.ha;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads databases over the instances running one config: an instance streaming more than its
 * share — ceil(databases / instances), the instances counted from the lease connections on the
 * state stores — steps down from one database, cleanly, and leaves it to a standby for {@link
 * #PAUSE}. With one instance the share is every database, so nothing ever moves. Runs on Runnel's
 * lease scheduler; not thread-safe on its own (one run at a time).
 */
final class Balancer {
  private static final Logger log = LoggerFactory.getLogger(Balancer.class);

  /** How long a database given away is left to the others before this instance tries again. */
  static final Duration PAUSE = Duration.ofSeconds(30);

  private final String instanceId;
  private final List<? extends DatabaseRole<?>> roles;

  Balancer(String instanceId, List<? extends DatabaseRole<?>> roles) {
    this.instanceId = instanceId;
    this.roles = roles;
  }

  /** One look: steps down from at most one database. Blocks while it stops. Never throws. */
  void run() {
    try {
      Set<String> instances = new TreeSet<>();
      roles.forEach(role -> instances.addAll(role.instances()));
      instances.add(instanceId);
      int share = (roles.size() + instances.size() - 1) / instances.size();
      List<? extends DatabaseRole<?>> active = roles.stream().filter(DatabaseRole::active).toList();
      if (active.size() <= share) {
        return;
      }
      DatabaseRole<?> givenAway = active.get(active.size() - 1);
      log.info(
          "instance {} streams {} of {} databases with {} instance(s) running ({}); giving {} to"
              + " a standby",
          instanceId,
          active.size(),
          roles.size(),
          instances.size(),
          instances,
          givenAway.database());
      givenAway.stepDown(PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("instance {} could not balance databases: {}", instanceId, e.toString());
    }
  }
}

package io.runnel.function;

import io.runnel.config.QueueUrls;
import io.runnel.config.SqsDestination;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the queue URLs a routing function returns as a configured {@code queue_url} is checked,
 * and that an AWS URL's region is the sink's (one client per sink). Remembers the first 1,000 good
 * URLs so the usual handful of routed queues is checked once. Thread-safe.
 */
final class RoutedQueues {
  private static final int REMEMBERED = 1_000;

  private final boolean emulator;
  private final String region;
  private final Set<String> good = ConcurrentHashMap.newKeySet();

  RoutedQueues(SqsDestination destination) {
    this.emulator = destination.useEmulator();
    this.region = destination.region();
  }

  /** Why {@code url} cannot be routed to, or empty when it can. */
  Optional<String> problem(String url) {
    if (good.contains(url)) {
      return Optional.empty();
    }
    Optional<String> problem = QueueUrls.problem(url, emulator);
    if (problem.isEmpty() && !emulator && region != null) {
      problem =
          QueueUrls.region(url)
              .filter(r -> !r.equals(region))
              .map(r -> "is in region " + r + ", but the sink's region is " + region);
    }
    if (problem.isEmpty() && good.size() < REMEMBERED) {
      good.add(url);
    }
    return problem;
  }
}

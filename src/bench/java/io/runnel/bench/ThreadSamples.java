package io.runnel.bench;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The counted JFR samples of one thread (or of all virtual threads with their carriers), by stage
 * and by leaf frame. Not thread-safe.
 */
final class ThreadSamples {
  final Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
  final Map<String, Long> byLeaf = new HashMap<>();
  long total;

  void add(Stage stage, String leaf) {
    byStage.merge(stage, 1L, Long::sum);
    byLeaf.merge(leaf, 1L, Long::sum);
    total++;
  }
}

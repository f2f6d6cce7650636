package io.runnel.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Renders the profiled runs: Runnel's CPU per delivered message by {@link Stage} (one column pair
 * per profiled workload and run kind) and the hottest leaf methods of each run kind over all
 * profiled workloads. Stateless.
 */
final class ProfileReport {
  static final int TOP_LEAVES = 15;
  private static final Map<String, String> KINDS =
      Map.of("std", "std end to end", "null", "null sink");

  private ProfileReport() {}

  /** The tables, or an empty string when no run was profiled. */
  static String render(Map<Workload, Figures> workloads, int periodMillis) {
    List<String> names = new ArrayList<>();
    List<StageProfile> profiles = new ArrayList<>();
    List<String> kinds = kinds(workloads);
    for (String kind : kinds) {
      workloads.forEach(
          (w, f) -> {
            StageProfile p = f.profiles().get(kind);
            if (p != null) {
              names.add(w.name() + " " + label(kind));
              profiles.add(p);
            }
          });
    }
    if (profiles.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder(
            "\n### Runnel CPU by stage (µs per delivered message, % of the Runnel JVM's CPU;"
                + " JFR samples every "
                + periodMillis
                + " ms, summed over the profiled runs)\n\n| stage |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String name : names) {
      out.append(' ').append(name).append(" µs | % |");
      rule.append("---|---|");
    }
    out.append('\n').append(rule).append('\n');
    for (Stage stage : Stage.values()) {
      out.append("| ").append(stage.label()).append(" |");
      for (StageProfile p : profiles) {
        long nanos = p.stageNanos().get(stage);
        out.append(" %.1f | %.0f %% |".formatted(p.micros(stage), p.percent(nanos)));
      }
      out.append('\n');
      if (stage == Stage.JVM) {
        jvmPart(out, "↳ of which GC threads and the VM thread", profiles, StageProfile::jvmGcNanos);
        jvmPart(out, "↳ of which JIT compiler threads", profiles, StageProfile::jvmJitNanos);
      }
    }
    out.append("| **total** |");
    for (StageProfile p : profiles) {
      out.append(" **%.1f** | 100 %% |".formatted(p.totalMicros()));
    }
    out.append("\n| messages / samples |");
    for (StageProfile p : profiles) {
      out.append(" %,d | %,d |".formatted(p.messages(), p.samples()));
    }
    out.append('\n');
    for (String kind : kinds) {
      StageProfile all =
          workloads.values().stream()
              .map(f -> f.profiles().get(kind))
              .filter(p -> p != null)
              .reduce(StageProfile::plus)
              .orElse(null);
      if (all != null) {
        out.append(topLeaves(label(kind), all));
      }
    }
    return out.toString();
  }

  /**
   * The profiled run kinds: {@code std} (or {@code std <transport>} per compared transport) before
   * {@code null}.
   */
  private static List<String> kinds(Map<Workload, Figures> workloads) {
    List<String> kinds = new ArrayList<>();
    for (Figures f : workloads.values()) {
      for (String kind : f.profiles().keySet()) {
        if (!kinds.contains(kind)) {
          kinds.add(kind);
        }
      }
    }
    kinds.sort(Comparator.comparing((String kind) -> kind.startsWith("null")));
    return kinds;
  }

  private static String label(String kind) {
    return kind.startsWith("std ")
        ? KINDS.get("std") + ", " + kind.substring(4)
        : KINDS.getOrDefault(kind, kind);
  }

  private static void jvmPart(
      StringBuilder out,
      String label,
      List<StageProfile> profiles,
      ToLongFunction<StageProfile> part) {
    out.append("| ").append(label).append(" |");
    for (StageProfile p : profiles) {
      long nanos = part.applyAsLong(p);
      out.append(" %.1f | %.0f %% |".formatted(p.micros(nanos), p.percent(nanos)));
    }
    out.append('\n');
  }

  private static String topLeaves(String kind, StageProfile profile) {
    StringBuilder out =
        new StringBuilder(
            "\n**Top "
                + TOP_LEAVES
                + " leaf methods, "
                + kind
                + " (CPU-weighted samples; % of the Runnel JVM's CPU)**\n\n"
                + "| # | leaf method | % | µs/message |\n|---|---|---|---|\n");
    List<Map.Entry<String, Long>> top =
        profile.leafNanos().entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
            .limit(TOP_LEAVES)
            .toList();
    for (int i = 0; i < top.size(); i++) {
      Map.Entry<String, Long> leaf = top.get(i);
      out.append(
          "| %d | `%s` | %.1f %% | %.2f |\n"
              .formatted(
                  i + 1,
                  leaf.getKey(),
                  profile.percent(leaf.getValue()),
                  leaf.getValue() / 1000.0 / Math.max(1, profile.messages())));
    }
    return out.toString();
  }
}

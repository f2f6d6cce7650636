package io.runnel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders the benchmark's figures as markdown tables. Stateless. */
final class Report {
  private static final String RATE = "%,.0f";
  private static final String RATIO = "%.2f";
  private static final String MICROS = "%.1f";
  private static final String MB = "%.0f";

  private Report() {}

  static String render(String header, BenchOptions options, Bench.Results results) {
    Map<Workload, Figures> workloads = results.workloads();
    StringBuilder out = new StringBuilder(header).append('\n');
    out.append(
        "\n### Throughput (changes/s or messages/s; median of runs, min–max)\n\n"
            + "| workload | changes | read ceiling | null sink | null/read | SQS ceiling std"
            + " | SQS ceiling std, 16 in flight | Runnel std | std/ceiling | SQS ceiling FIFO"
            + " | Runnel FIFO | FIFO/ceiling |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    workloads.forEach(
        (w, f) ->
            row(
                out,
                w.name() + " (" + w.title() + ")",
                "%,d".formatted(w.changes()),
                f.get("read").describe(RATE),
                f.get("null").describe(RATE),
                f.get("null/read").describe(RATIO),
                f.get("ceiling.std").describe(RATE),
                f.get("ceiling.std.16").describe(RATE),
                f.get("e2e.std").describe(RATE),
                f.get("e2e.std/ceiling").describe(RATIO),
                f.get("ceiling.fifo").describe(RATE),
                f.get("e2e.fifo").describe(RATE),
                f.get("e2e.fifo/ceiling").describe(RATIO)));
    if (options.measures("delay")) {
      out.append(delay(workloads, options.delayMillis(), options.tls()));
    }
    out.append(S3Leg.render(workloads));
    out.append(PgTlsLeg.render(workloads));
    if (options.tls() || !options.transports().isEmpty()) {
      out.append(transports(workloads, options));
    }
    out.append(cpu(workloads));
    out.append(
        "\n### Memory of the Runnel JVM (MB; max over the workload's runs)\n\n"
            + "| workload | peak heap used | peak live heap (after GC) | peak RSS |\n"
            + "|---|---|---|---|\n");
    workloads.forEach(
        (w, f) -> row(out, w.name(), max(f, "mem.heap"), max(f, "mem.live"), max(f, "mem.rss")));
    if (results.latency() != null) {
      out.append(latency(results.latency(), results.delayedLatency(), options.delayMillis()));
    }
    out.append(ProfileReport.render(workloads, options.profileMillis()));
    return out.toString();
  }

  private static String delay(Map<Workload, Figures> workloads, int delayMillis, boolean tls) {
    StringBuilder out =
        new StringBuilder(
            "\n### Runnel end to end with "
                + delayMillis
                + " ms added to every request (delay proxy; messages/s, median of runs, min–max;"
                + " each delayed run right after the undelayed one it is divided by"
                + (tls ? "; standard runs over HTTPS (TLS front → delay proxy), FIFO plain" : "")
                + ")\n\n"
                + "| workload | Runnel std"
                + (tls ? " over TLS" : "")
                + " | Runnel std, delayed | delayed/undelayed"
                + " | Runnel FIFO | Runnel FIFO, delayed | delayed/undelayed"
                + " | Runnel CPU µs/message, std delayed |\n"
                + "|---|---|---|---|---|---|---|---|\n");
    workloads.forEach(
        (w, f) ->
            row(
                out,
                w.name(),
                f.get(tls ? "e2e.std.tls" : "e2e.std").describe(RATE),
                f.get("e2e.std.delay").describe(RATE),
                f.get("e2e.std.delay/e2e.std").describe(RATIO),
                f.get("e2e.fifo").describe(RATE),
                f.get("e2e.fifo.delay").describe(RATE),
                f.get("e2e.fifo.delay/e2e.fifo").describe(RATIO),
                median(f, "cpu.e2e.std.delay.runnel")));
    return out.toString();
  }

  /**
   * The transports side by side: per workload and transport the medians of Runnel end to end to a
   * standard queue over plain HTTP, over TLS and delayed (over TLS with {@code --tls}), then each
   * other transport ÷ the first as the ratio of the medians with the per-run ratios' min–max (the
   * runs of one index are neighbours), and the issue-18 rule's verdict: keep the first transport
   * only if another raises Runnel's CPU per message over TLS by more than 10 % or lowers the
   * delayed throughput by more than 5 %.
   */
  static String transports(Map<Workload, Figures> workloads, BenchOptions options) {
    List<String[]> legs = new ArrayList<>();
    legs.add(new String[] {"plain HTTP", "e2e.std", "cpu.e2e.std.runnel"});
    if (options.tls()) {
      legs.add(new String[] {"TLS", "e2e.std.tls", "cpu.e2e.std.tls.runnel"});
    }
    if (options.measures("delay")) {
      String delayed = options.delayMillis() + " ms delay" + (options.tls() ? " over TLS" : "");
      legs.add(new String[] {delayed, "e2e.std.delay", "cpu.e2e.std.delay.runnel"});
    }
    StringBuilder out =
        new StringBuilder(
            "\n### Transports side by side (Runnel end to end, standard queue; messages/s and"
                + " Runnel CPU µs per delivered message, median of runs (min–max); ratio rows: ratio"
                + " of the medians (min–max of the per-run ratios); transports in rotating order"
                + " within each run)\n\n| workload | transport |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (String[] leg : legs) {
      out.append(' ').append(leg[0]).append(" msg/s | ").append(leg[0]).append(" µs/msg |");
      rule.append("---|---|");
    }
    if (options.tls()) {
      out.append(" TLS front µs/msg (bench JVM, not Runnel) | TLS connections per run |");
      rule.append("---|---|");
    }
    out.append('\n').append(rule).append('\n');
    List<String> labels = options.transportLabels();
    String baseline = labels.getFirst();
    StringBuilder verdicts = new StringBuilder();
    workloads.forEach(
        (w, f) -> {
          for (String transport : labels) {
            List<String> cells = new ArrayList<>(List.of(w.name(), transport));
            for (String[] leg : legs) {
              cells.add(f.get(WorkloadBench.transportFigure(transport, leg[1])).describe(RATE));
              cells.add(f.get(WorkloadBench.transportFigure(transport, leg[2])).describe(MICROS));
            }
            if (options.tls()) {
              cells.add(
                  f.get(WorkloadBench.transportFigure(transport, "cpu.e2e.std.tls.front"))
                      .describe(MICROS));
              cells.add(
                  f.get(WorkloadBench.transportFigure(transport, "e2e.std.tls.connections"))
                      .describe("%.0f"));
            }
            row(out, cells.toArray(String[]::new));
          }
          for (String transport : labels.subList(1, labels.size())) {
            List<String> cells =
                new ArrayList<>(List.of(w.name(), "**" + transport + " ÷ " + baseline + "**"));
            for (String[] leg : legs) {
              cells.add(ratio(f, transport, baseline, leg[1]).describe());
              cells.add(ratio(f, transport, baseline, leg[2]).describe());
            }
            if (options.tls()) {
              cells.add("");
              cells.add("");
            }
            row(out, cells.toArray(String[]::new));
            verdicts.append(verdict(w, f, transport, baseline, options));
          }
        });
    return out.append(verdicts).toString();
  }

  /** Issue 18's rule for {@code candidate} against {@code baseline} on one workload. */
  private static String verdict(
      Workload w, Figures f, String candidate, String baseline, BenchOptions options) {
    String head = "\n- " + w.name() + ", " + candidate + " vs " + baseline + ": ";
    if (!options.tls() || !options.measures("delay")) {
      return head
          + "no verdict (the rule is measured over TLS with the delay: --tls, and delay"
          + " in --measure)\n";
    }
    Ratio cpu = ratio(f, candidate, baseline, "cpu.e2e.std.tls.runnel");
    Ratio delayed = ratio(f, candidate, baseline, "e2e.std.delay");
    boolean cpuWorse = cpu.ofMedians() > 1.10;
    boolean delayWorse = delayed.ofMedians() < 0.95;
    String outcome =
        cpuWorse || delayWorse
            ? "**keep " + baseline + "** (" + (cpuWorse ? "CPU" : "delayed throughput") + ")"
            : "**" + candidate + "** (neither limit passed)";
    return head
        + "Runnel CPU per message over TLS × "
        + cpu.describe()
        + " (limit 1.10), "
        + options.delayMillis()
        + " ms-delay throughput over TLS × "
        + delayed.describe()
        + " (limit 0.95) → "
        + outcome
        + "\n";
  }

  /**
   * {@code candidate}'s {@code figure} ÷ {@code baseline}'s.
   *
   * @param ofMedians the ratio of the medians
   * @param pairs the ratio of each run's pair (the same run index: neighbours in time)
   */
  record Ratio(double ofMedians, Samples pairs) {
    String describe() {
      if (Double.isNaN(ofMedians)) {
        return "–";
      }
      String median = RATIO.formatted(ofMedians);
      return pairs.values().size() < 2
          ? median
          : median + " (" + RATIO.formatted(pairs.min()) + "–" + RATIO.formatted(pairs.max()) + ")";
    }
  }

  static Ratio ratio(Figures f, String candidate, String baseline, String figure) {
    Samples a = f.get(WorkloadBench.transportFigure(candidate, figure));
    Samples b = f.get(WorkloadBench.transportFigure(baseline, figure));
    Samples pairs = new Samples();
    for (int i = 0; i < Math.min(a.values().size(), b.values().size()); i++) {
      pairs.add(a.values().get(i) / b.values().get(i));
    }
    return new Ratio(a.median() / b.median(), pairs);
  }

  private static String cpu(Map<Workload, Figures> workloads) {
    StringBuilder out =
        new StringBuilder(
            "\n### CPU per change or message (µs; median of runs)\n\n"
                + "| workload | body bytes | walsender (pg_recvlogical) | walsender (Runnel)"
                + " | Runnel null sink | SQS server (ceiling std) | bare SDK loop client"
                + " (ceiling std) | bare SDK loop client (16 in flight) | Runnel std"
                + " | Runnel std ÷ SDK loop client | SQS server (Runnel std)"
                + " | SQS server (ceiling FIFO) | Runnel FIFO | SQS server (Runnel FIFO) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    workloads.forEach(
        (w, f) ->
            row(
                out,
                w.name(),
                f.get("body.bytes").describe("%.0f"),
                median(f, "cpu.read.walsender"),
                median(f, "cpu.null.walsender"),
                median(f, "cpu.null.runnel"),
                median(f, "cpu.ceiling.std.server"),
                median(f, "cpu.ceiling.std.client"),
                median(f, "cpu.ceiling.std.16.client"),
                median(f, "cpu.e2e.std.runnel"),
                f.get("cpu.e2e.std.runnel/client").describe(RATIO),
                median(f, "cpu.e2e.std.server"),
                median(f, "cpu.ceiling.fifo.server"),
                median(f, "cpu.e2e.fifo.runnel"),
                median(f, "cpu.e2e.fifo.server")));
    return out.toString();
  }

  private static String latency(Figures direct, Figures delayed, int delayMillis) {
    StringBuilder out =
        new StringBuilder(
            "\n### Latency, commit → SQS accepted, at a steady 1,000 changes/s (ms)\n\n"
                + "| Runnel's requests | rate (changes/s) | messages | p50 | p99 | max"
                + " | Runnel CPU µs/change | steady RSS (MB) | steady live heap (MB) |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
    latencyRow(out, "straight to the server", direct);
    if (delayed != null) {
      latencyRow(out, "through the " + delayMillis + " ms delay proxy", delayed);
    }
    if (!direct.get("soak.rss").isEmpty()) {
      out.append("\nSoak, every 30 s after a full GC — RSS (MB): ")
          .append(direct.get("soak.rss").values().stream().map(v -> "%.0f".formatted(v)).toList())
          .append("; live heap (MB): ")
          .append(direct.get("soak.live").values().stream().map(v -> "%.1f".formatted(v)).toList())
          .append('\n');
    }
    return out.toString();
  }

  private static void latencyRow(StringBuilder out, String path, Figures f) {
    row(
        out,
        path,
        f.get("latency.rate").describe(RATE),
        f.get("latency.count").describe("%.0f"),
        f.get("latency.p50").describe("%.1f"),
        f.get("latency.p99").describe("%.1f"),
        f.get("latency.max").describe("%.1f"),
        f.get("cpu.latency.runnel").describe(MICROS),
        f.get("steady.rss").describe(MB),
        f.get("steady.live").describe(MB));
  }

  private static String median(Figures f, String figure) {
    Samples samples = f.get(figure);
    return samples.isEmpty() ? "–" : MICROS.formatted(samples.median());
  }

  private static String max(Figures f, String figure) {
    Samples samples = f.get(figure);
    return samples.isEmpty() ? "–" : MB.formatted(samples.max());
  }

  /** Appends one markdown table row of {@code cells}. */
  static void row(StringBuilder out, String... cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}

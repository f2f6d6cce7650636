package io.runnel.bench;

import java.util.Map;

/** Renders the benchmark's figures as markdown tables. Stateless. */
final class Report {
  private static final String RATE = "%,.0f";
  private static final String RATIO = "%.2f";
  private static final String MICROS = "%.1f";
  private static final String MB = "%.0f";

  private Report() {}

  static String render(String header, Map<Workload, Figures> workloads, Figures latency) {
    StringBuilder out = new StringBuilder(header).append('\n');
    out.append(
        "\n### Throughput (changes/s or messages/s; median of runs, min–max)\n\n"
            + "| workload | changes | read ceiling | null sink | null/read | SQS ceiling std"
            + " | Runnel std | std/ceiling | SQS ceiling FIFO | Runnel FIFO | FIFO/ceiling |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|\n");
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
                f.get("e2e.std").describe(RATE),
                f.get("e2e.std/ceiling").describe(RATIO),
                f.get("ceiling.fifo").describe(RATE),
                f.get("e2e.fifo").describe(RATE),
                f.get("e2e.fifo/ceiling").describe(RATIO)));
    out.append(
        "\n### CPU per change or message (µs; median of runs)\n\n"
            + "| workload | body bytes | walsender (pg_recvlogical) | walsender (Runnel) | Runnel null sink"
            + " | SQS server (ceiling std) | client (ceiling std) | Runnel std | SQS server (Runnel std)"
            + " | SQS server (ceiling FIFO) | Runnel FIFO | SQS server (Runnel FIFO) |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
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
                median(f, "cpu.e2e.std.runnel"),
                median(f, "cpu.e2e.std.server"),
                median(f, "cpu.ceiling.fifo.server"),
                median(f, "cpu.e2e.fifo.runnel"),
                median(f, "cpu.e2e.fifo.server")));
    out.append(
        "\n### Memory of the Runnel JVM (MB; max over the workload's runs)\n\n"
            + "| workload | peak heap used | peak live heap (after GC) | peak RSS |\n"
            + "|---|---|---|---|\n");
    workloads.forEach(
        (w, f) -> row(out, w.name(), max(f, "mem.heap"), max(f, "mem.live"), max(f, "mem.rss")));
    if (latency != null) {
      out.append(latency(latency));
    }
    return out.toString();
  }

  private static String latency(Figures f) {
    StringBuilder out =
        new StringBuilder(
            "\n### Latency, commit → SQS accepted, at a steady 1,000 changes/s (ms)\n\n"
                + "| rate (changes/s) | messages | p50 | p99 | max | Runnel CPU µs/change"
                + " | steady RSS (MB) | steady live heap (MB) |\n"
                + "|---|---|---|---|---|---|---|---|\n");
    row(
        out,
        f.get("latency.rate").describe(RATE),
        f.get("latency.count").describe("%.0f"),
        f.get("latency.p50").describe("%.1f"),
        f.get("latency.p99").describe("%.1f"),
        f.get("latency.max").describe("%.1f"),
        f.get("cpu.latency.runnel").describe(MICROS),
        f.get("steady.rss").describe(MB),
        f.get("steady.live").describe(MB));
    if (!f.get("soak.rss").isEmpty()) {
      out.append("\nSoak, every 30 s after a full GC — RSS (MB): ")
          .append(f.get("soak.rss").values().stream().map(v -> "%.0f".formatted(v)).toList())
          .append("; live heap (MB): ")
          .append(f.get("soak.live").values().stream().map(v -> "%.1f".formatted(v)).toList())
          .append('\n');
    }
    return out.toString();
  }

  private static String median(Figures f, String figure) {
    Samples samples = f.get(figure);
    return samples.isEmpty() ? "–" : MICROS.formatted(samples.median());
  }

  private static String max(Figures f, String figure) {
    Samples samples = f.get(figure);
    return samples.isEmpty() ? "–" : MB.formatted(samples.max());
  }

  private static void row(StringBuilder out, String... cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}

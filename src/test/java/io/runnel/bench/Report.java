package io.runnel.bench;

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
      out.append(delay(workloads, options.delayMillis()));
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

  private static String delay(Map<Workload, Figures> workloads, int delayMillis) {
    StringBuilder out =
        new StringBuilder(
            "\n### Runnel end to end with "
                + delayMillis
                + " ms added to every request (delay proxy; messages/s, median of runs, min–max;"
                + " each delayed run right after the undelayed one it is divided by)\n\n"
                + "| workload | Runnel std | Runnel std, delayed | delayed/undelayed"
                + " | Runnel FIFO | Runnel FIFO, delayed | delayed/undelayed"
                + " | Runnel CPU µs/message, std delayed |\n"
                + "|---|---|---|---|---|---|---|---|\n");
    workloads.forEach(
        (w, f) ->
            row(
                out,
                w.name(),
                f.get("e2e.std").describe(RATE),
                f.get("e2e.std.delay").describe(RATE),
                f.get("e2e.std.delay/e2e.std").describe(RATIO),
                f.get("e2e.fifo").describe(RATE),
                f.get("e2e.fifo.delay").describe(RATE),
                f.get("e2e.fifo.delay/e2e.fifo").describe(RATIO),
                median(f, "cpu.e2e.std.delay.runnel")));
    return out.toString();
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

  private static void row(StringBuilder out, String... cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}

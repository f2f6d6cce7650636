package io.runnel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The report's header: when, how, and on what the benchmark ran. Stateless. */
final class Machine {
  private Machine() {}

  static String describe(
      String arguments,
      BenchOptions options,
      WorkloadBench.Concurrency concurrency,
      double seconds) {
    return "## Runnel benchmark, "
        + Instant.now().truncatedTo(ChronoUnit.SECONDS)
        + "\n\n- command: `bench/run"
        + (arguments.isBlank() ? "" : " " + arguments)
        + "` ("
        + Math.round(seconds)
        + " s)\n- machine: "
        + cpu()
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " CPUs, "
        + memory()
        + "; JDK "
        + Runtime.version()
        + "; PostgreSQL 14 (embedded, zonky); ElasticMQ 1.6 (own JVM)\n- options: "
        + options
        + "\n- SQS ceiling requests in flight (tuned in warm-up): standard "
        + concurrency.standard()
        + ", FIFO "
        + concurrency.fifo()
        + "; Runnel's FIFO groups: "
        + ("key".equals(System.getProperty("bench.fifo-groups"))
            ? "one per row (primary key; the FIFO ceiling: one per message)"
            : "account_id (128)")
        + "\n- delay proxy: "
        + options.delayMillis()
        + " ms added to every request Runnel sends in delayed runs; profiled: "
        + (options.profileAll()
            ? "every workload's null-sink and standard end-to-end runs"
            : options.transportLabels().size() > 1 || options.measuresPgTls()
                ? "none (compared runs are profiled only with --profile)"
                : "one workload's standard end-to-end runs (inserts if selected)")
        + ", JFR every "
        + options.profileMillis()
        + " ms"
        + (options.transports().isEmpty()
            ? ""
            : "\n- transports compared (a Runnel JVM each, -D"
                + BenchEnvironment.TRANSPORT_PROPERTY
                + "=<name>): "
                + String.join(", ", options.transports())
                + "; the first runs every other figure")
        + (options.tls()
            ? "\n- TLS: standard runs also over HTTPS to a TLS front (test CA, in the bench JVM:"
                + " its CPU is not Runnel's); standard delayed runs over HTTPS"
            : "")
        + "\n";
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String memory() {
    try {
      String total =
          Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("[^0-9]", "");
      return Long.parseLong(total) / 1024 / 1024 + " GB RAM";
    } catch (IOException | RuntimeException e) {
      return "unknown RAM";
    }
  }
}

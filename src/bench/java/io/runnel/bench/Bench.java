package io.runnel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark ({@code bench/run}): sets up PostgreSQL, ElasticMQ and Runnel, warms up, measures
 * every workload and the latency run, and prints markdown tables (also written to {@code
 * target/bench/}). See docs/PERFORMANCE.md. Not thread-safe.
 */
public final class Bench {
  /** JFR keeps this many frames of a sample, so deep SDK stacks still show who called them. */
  static final String AGENT_STACK_DEPTH = "-XX:FlightRecorderOptions=stackdepth=256";

  private final BenchEnvironment env;
  private final BenchOptions options;

  Bench(BenchEnvironment env, BenchOptions options) {
    this.env = env;
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = parse(args);
    Path directory = Path.of("target", "bench");
    List<String> agentOptions =
        new ArrayList<>(
            List.of("-Xmx" + System.getProperty("bench.heap", "256m"), AGENT_STACK_DEPTH));
    if (Boolean.getBoolean("bench.jfr")) {
      agentOptions.add(
          "-XX:StartFlightRecording=filename="
              + directory.resolve("runnel.jfr").toAbsolutePath()
              + ",settings=profile");
    }
    deleteOldProfiles(directory.resolve("profiles"));
    String report;
    try (BenchEnvironment env =
        BenchEnvironment.start(
            directory,
            agentOptions,
            options.transportLabels(),
            options.tls(),
            options.measuresPgTls())) {
      report = new Bench(env, options).run(String.join(" ", args));
    }
    System.out.println(report);
    String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-');
    Files.writeString(directory.resolve("bench-" + stamp + ".md"), report);
    Files.writeString(directory.resolve("latest.md"), report);
    System.exit(0);
  }

  /** Recordings of an earlier run would be mistaken for this run's. */
  private static void deleteOldProfiles(Path profiles) throws IOException {
    if (Files.isDirectory(profiles)) {
      try (Stream<Path> files = Files.list(profiles)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".jfr")).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  static BenchOptions parse(String[] args) {
    BenchOptions options =
        List.of(args).contains("--quick") ? BenchOptions.quick() : BenchOptions.standard();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {}
        case "--profile", "--tls" -> options = options.with(args[i], null);
        case "--runs", "--soak", "--workloads", "--measure", "--delay-ms", "--transports" -> {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
          }
          options = options.with(args[i], args[++i]);
        }
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; use --quick, --runs N, --soak SECONDS, --workloads"
                    + " inserts,mixed,wide,big-tx, --measure "
                    + String.join(",", BenchOptions.FIGURES)
                    + ", --delay-ms N, --profile, --tls, --transports socket,jdk");
      }
    }
    return options;
  }

  /**
   * Every figure of one benchmark run.
   *
   * @param latency the latency run's figures; {@code null} when not measured
   * @param delayedLatency the same through the delay proxy; {@code null} when not measured
   */
  record Results(
      Map<Workload, Figures> workloads,
      Figures latency,
      Figures delayedLatency,
      WorkloadBench.Concurrency concurrency,
      double seconds) {}

  /** Measures everything and returns the report. */
  String run(String arguments) throws Exception {
    Results results = measure();
    String header = Machine.describe(arguments, options, results.concurrency(), results.seconds());
    return Report.render(header, options, results);
  }

  Results measure() throws Exception {
    long started = System.nanoTime();
    List<Workload> workloads = options.selectedWorkloads();
    Workload warmup = Workload.warmup(options.warmupChanges());
    for (Workload workload : workloads) {
      workload.create(env.db);
    }
    warmup.create(env.db);
    List<String> tables = new ArrayList<>(workloads.stream().map(Workload::table).toList());
    tables.add(warmup.table());
    env.db.sql(
        "CREATE PUBLICATION "
            + BenchDatabase.PUBLICATION
            + " FOR TABLE "
            + String.join(", ", tables));
    if (!tables.contains("bench_small")) {
      Workload.inserts(0).create(env.db);
      env.db.sql("ALTER PUBLICATION " + BenchDatabase.PUBLICATION + " ADD TABLE bench_small");
    }
    WorkloadBench.Concurrency concurrency = new Warmup(env, options).run(warmup);
    progress("warm-up done: SQS ceiling concurrency " + concurrency);
    Map<Workload, Figures> results = new LinkedHashMap<>();
    try (WorkloadBench bench = new WorkloadBench(env, options, concurrency)) {
      for (Workload workload : workloads) {
        results.put(workload, bench.measure(workload));
        progress("measured " + workload.name());
      }
    }
    Figures latency = null;
    Figures delayedLatency = null;
    if (options.measures("latency")) {
      LatencyBench latencyBench = new LatencyBench(env);
      int warm = Math.min(5, options.latencySeconds());
      latency =
          latencyBench.measure(
              warm, options.latencySeconds(), options.soakSeconds(), env.sqsBaseUrl);
      if (options.measures("delay")) {
        progress("latency measured; again through the " + options.delayMillis() + " ms delay");
        delayedLatency =
            latencyBench.measure(
                warm, options.latencySeconds(), 0, env.delayedSqsBaseUrl(options.delayMillis()));
      }
    }
    return new Results(
        results, latency, delayedLatency, concurrency, (System.nanoTime() - started) / 1e9);
  }

  static void progress(String message) {
    System.err.println("[bench " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
  }
}

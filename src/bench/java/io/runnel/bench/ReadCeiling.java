package io.runnel.bench;

import io.runnel.decode.Lsn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The read ceiling: {@code pg_recvlogical} with pgoutput (protocol 1) draining a slot to /dev/null
 * until it has passed the workload's end LSN. Whatever Runnel does on top, it cannot read faster
 * than the walsender sends. Not thread-safe.
 */
final class ReadCeiling {
  static final Path DEFAULT_BINARY = Path.of("/usr/bin/pg_recvlogical");

  private final Path binary;
  private final BenchDatabase db;

  ReadCeiling(Path binary, BenchDatabase db) {
    this.binary = binary;
    this.db = db;
  }

  /** The binary from {@code PG_RECVLOGICAL}, else the Debian one; explains how to get it. */
  static Path locate() {
    String configured = System.getenv("PG_RECVLOGICAL");
    Path binary = configured != null ? Path.of(configured) : DEFAULT_BINARY;
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary
              + " not found: install PostgreSQL's client tools (Debian/Ubuntu: apt-get install"
              + " postgresql-client) or set PG_RECVLOGICAL to pg_recvlogical's path");
    }
    return binary;
  }

  /** Drains {@code slot} up to {@code end}; returns the elapsed time and walsender CPU. */
  Drain drain(String slot, Lsn end) throws IOException, SQLException, InterruptedException {
    List<String> command =
        List.of(
            binary.toString(),
            "--host=localhost",
            "--port=" + db.port(),
            "--username=postgres",
            "--dbname=postgres",
            "--slot=" + slot,
            "--start",
            "--no-loop",
            "--option=proto_version=1",
            "--option=publication_names=" + BenchDatabase.PUBLICATION,
            "--endpos=" + end,
            "--file=/dev/null");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", "postgres");
    // libpq prefers TLS when the server offers it (--measure pgtls); the ceiling stays plain
    builder.environment().put("PGSSLMODE", "disable");
    long started = System.nanoTime();
    Process process = builder.start();
    WalsenderCpu walsender = WalsenderCpu.follow(db, slot);
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException("pg_recvlogical failed (" + process.exitValue() + "): " + output);
    }
    long elapsed = System.nanoTime() - started;
    return new Drain(elapsed, walsender.stop(), ProcessStats.cpuNanos(process.pid()));
  }

  /**
   * One drain of a slot.
   *
   * @param clientCpuNanos CPU of the reading client (0 for pg_recvlogical, which is gone by then)
   */
  record Drain(long elapsedNanos, long walsenderCpuNanos, long clientCpuNanos) {}
}

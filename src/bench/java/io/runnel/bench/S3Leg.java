package io.runnel.bench;

import io.runnel.testing.LocalS3;
import java.util.Map;

/**
 * The large_payloads leg ({@code --measure s3}): the wide workload end to end to a standard queue
 * with {@code always: true}, so every message's body goes to a local S3 (S3Proxy in the bench JVM,
 * in memory) before its pointer is sent, beside the same workload sent inline. Started on first
 * use; not thread-safe.
 */
final class S3Leg implements AutoCloseable {
  static final String BUCKET = "bench-payloads";
  static final String WORKLOAD = "wide";

  private LocalS3 s3;

  /** The destination lines that turn offloading on for every message. */
  String destinationYaml() throws Exception {
    if (s3 == null) {
      s3 = LocalS3.start(BUCKET);
    }
    return """
              large_payloads:
                s3_bucket: "%s"
                endpoint: "%s"
                use_emulator: true
                always: true
        """
        .formatted(BUCKET, s3.endpoint());
  }

  /** The table of the offloaded rate beside the inline one; empty when the leg did not run. */
  static String render(Map<Workload, Figures> workloads) {
    StringBuilder out = new StringBuilder();
    workloads.forEach(
        (w, f) -> {
          if (!f.get("e2e.std.s3").isEmpty()) {
            out.append(
                    "\n### large_payloads: every message offloaded to S3 (S3Proxy in memory,"
                        + " standard queue; messages/s, median of runs, min–max)\n\n"
                        + "| workload | Runnel std inline | Runnel std, always offloaded"
                        + " | offloaded/inline | Runnel CPU µs/message, offloaded |\n"
                        + "|---|---|---|---|---|\n")
                .append("| ")
                .append(
                    String.join(
                        " | ",
                        w.name(),
                        f.get("e2e.std").describe("%,.0f"),
                        f.get("e2e.std.s3").describe("%,.0f"),
                        f.get("e2e.std.s3/e2e.std").describe("%.2f"),
                        f.get("cpu.e2e.std.s3.runnel").describe("%.1f")))
                .append(" |\n");
          }
        });
    return out.toString();
  }

  @Override
  public void close() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }
}

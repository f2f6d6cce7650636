package io.runnel.bench;

import io.runnel.config.ConfigLoader;
import io.runnel.config.DatabaseConfig;
import io.runnel.jdbc.IamTokens;
import io.runnel.jdbc.PasswordSources;
import io.runnel.jdbc.PgConnections;
import io.runnel.testing.TestCa;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The database TLS leg ({@code --measure pgtls}, issue 21): PostgreSQL started with {@code ssl=on}
 * and a server certificate for {@code localhost} and {@code 127.0.0.1} from a CA the bench makes
 * ({@link TestCa}); the standard end-to-end run again with every Runnel database connection over
 * {@code sslmode: verify-full}, beside the standard run ({@code sslmode} unset: disable) of the
 * same measured run. Also times opening one connection through {@link PgConnections} both ways and
 * signing one RDS IAM token (the real {@code RdsUtilities}, static credentials, no network). Not
 * thread-safe.
 */
final class PgTlsLeg {
  /** Connections opened each way per measured run (alternately), after {@link #WARM} each. */
  static final int OPENS = 50;

  /** IAM tokens signed per measured run, after as many unmeasured ones. */
  static final int SIGNS = 1000;

  private static final int WARM = 5;
  private static final String[] NAMES = {"localhost", "127.0.0.1"};

  private final TestCa ca;
  private final TestCa.Issued server;

  private PgTlsLeg(TestCa ca, TestCa.Issued server) {
    this.ca = ca;
    this.server = server;
  }

  /** Makes the CA and PostgreSQL's certificate in {@code directory} (emptied by the caller). */
  static PgTlsLeg create(Path directory) {
    TestCa ca = TestCa.create(directory, NAMES);
    return new PgTlsLeg(ca, ca.issue("postgres", NAMES[0], null, 2, NAMES));
  }

  /** {@code builder} with TLS on, presenting the CA-signed certificate. */
  Builder serverConfig(Builder builder) {
    return builder
        .setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", server.certificate().toAbsolutePath().toString())
        .setServerConfig("ssl_key_file", server.key().toAbsolutePath().toString());
  }

  /** {@code yaml} (a config from {@link BenchEnvironment#runnelConfig}) with verify-full on. */
  String verifyFull(String yaml) {
    String anchor = "    slot: {";
    if (!yaml.contains(anchor)) {
      throw new IllegalStateException("no database slot line to put sslmode before in " + yaml);
    }
    return yaml.replace(
        anchor,
        "    sslmode: \"verify-full\"\n    sslrootcert: \"%s\"\n%s"
            .formatted(ca.caCertificate().toAbsolutePath(), anchor));
  }

  /** Records a verify-full run's rate and CPU, each also divided by the plain run's. */
  static void record(EndToEndRun.Result run, double plainRate, Figures figures) {
    double rate = run.delivered().steadyRate();
    long delivered = run.delivered().count();
    figures.add("e2e.std.pgtls", rate);
    figures.add("e2e.std.pgtls/e2e.std", rate / plainRate);
    figures.add("e2e.std.pgtls.delivered", delivered);
    figures.addCpu("cpu.e2e.std.pgtls.runnel", run.runnelCpuNanos(), delivered);
    Samples plainCpu = figures.get("cpu.e2e.std.runnel");
    if (delivered > 0 && !plainCpu.isEmpty()) {
      figures.add(
          "cpu.e2e.std.pgtls/e2e.std", run.runnelCpuNanos() / 1000.0 / delivered / plainCpu.last());
    }
  }

  /**
   * Times {@link #OPENS} connection opens through {@link PgConnections} with {@code sslmode:
   * disable} and as many with {@code verify-full}, alternately, and {@link #SIGNS} IAM token
   * signatures; records each figure's median of this run ({@code pgtls.open.*} in ms, {@code
   * iam.sign} in µs).
   *
   * @param plainConfig a Runnel config of the bench database (its slot is never touched)
   */
  void measureOpensAndTokens(Path plainConfig, Figures figures) throws Exception {
    Path tlsConfig = plainConfig.resolveSibling("pgtls-" + plainConfig.getFileName());
    Files.writeString(tlsConfig, verifyFull(Files.readString(plainConfig)));
    DatabaseConfig plain = ConfigLoader.load(plainConfig).databases().getFirst();
    DatabaseConfig tls = ConfigLoader.load(tlsConfig).databases().getFirst();
    Samples plainOpens = new Samples();
    Samples tlsOpens = new Samples();
    for (int i = -WARM; i < OPENS; i++) {
      double plainMillis = openMillis(plain);
      double tlsMillis = openMillis(tls);
      if (i >= 0) {
        plainOpens.add(plainMillis);
        tlsOpens.add(tlsMillis);
      }
    }
    figures.add("pgtls.open.plain", plainOpens.median());
    figures.add("pgtls.open.tls", tlsOpens.median());
    figures.add("pgtls.open.tls/plain", tlsOpens.median() / plainOpens.median());
    figures.add("iam.sign", signMicros());
  }

  private static double openMillis(DatabaseConfig db) throws Exception {
    long start = System.nanoTime();
    try (Connection connection = PgConnections.open(db, "runnel-bench-open")) {
      long elapsed = System.nanoTime() - start;
      if (!connection.isValid(5)) {
        throw new IllegalStateException("connection to " + db.name() + " is not valid");
      }
      return elapsed / 1e6;
    }
  }

  /** The median time, in µs, to sign one token (after as many unmeasured signatures). */
  private static double signMicros() {
    var credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDBENCHEXAMPLE", "bench-secret-not-a-real-key"));
    IamTokens.TokenGenerator generator = PasswordSources.rdsTokens(Region.US_EAST_1, credentials);
    Samples samples = new Samples();
    for (int i = -SIGNS; i < SIGNS; i++) {
      long start = System.nanoTime();
      String token = generator.token("db.example.internal", 5432, "runnel");
      long elapsed = System.nanoTime() - start;
      if (!token.contains("X-Amz-Signature=")) {
        throw new IllegalStateException("not a signed token: " + token);
      }
      if (i >= 0) {
        samples.add(elapsed / 1e3);
      }
    }
    return samples.median();
  }

  /** The tables of the verify-full runs beside the plain ones; empty when the leg did not run. */
  static String render(Map<Workload, Figures> workloads) {
    StringBuilder out = new StringBuilder();
    workloads.forEach(
        (w, f) -> {
          if (f.get("e2e.std.pgtls").isEmpty()) {
            return;
          }
          out.append(
              "\n### Database TLS: Runnel's connections over sslmode verify-full (standard queue;"
                  + " messages/s and Runnel CPU µs/message, median of runs, min–max; TLS/plain:"
                  + " per-run ratios of neighbouring runs)\n\n"
                  + "| workload | Runnel std, disable | Runnel std, verify-full | TLS/plain"
                  + " | CPU µs/msg, disable | CPU µs/msg, verify-full | CPU TLS/plain |\n"
                  + "|---|---|---|---|---|---|---|\n");
          Report.row(
              out,
              w.name(),
              f.get("e2e.std").describe("%,.0f"),
              f.get("e2e.std.pgtls").describe("%,.0f"),
              f.get("e2e.std.pgtls/e2e.std").describe("%.2f"),
              f.get("cpu.e2e.std.runnel").describe("%.1f"),
              f.get("cpu.e2e.std.pgtls.runnel").describe("%.1f"),
              f.get("cpu.e2e.std.pgtls/e2e.std").describe("%.2f"));
          out.append(
              "\n| workload | one connection opened (PgConnections), disable, ms | verify-full, ms"
                  + " | verify-full/disable | one IAM token signed (RdsUtilities), µs |\n"
                  + "|---|---|---|---|---|\n");
          Report.row(
              out,
              w.name(),
              f.get("pgtls.open.plain").describe("%.2f"),
              f.get("pgtls.open.tls").describe("%.2f"),
              f.get("pgtls.open.tls/plain").describe("%.2f"),
              f.get("iam.sign").describe("%.1f"));
        });
    return out.toString();
  }
}

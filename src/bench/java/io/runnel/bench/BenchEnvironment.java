package io.runnel.bench;

import io.runnel.testing.TestCa;
import io.runnel.testing.TlsFront;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Everything a benchmark run needs: PostgreSQL, the SQS server (ElasticMQ in its own JVM), Runnel
 * (in another, or one per compared transport), clients for the server, the delay proxy and the TLS
 * fronts (started when first asked for), and the output directory. Not thread-safe.
 *
 * <p>With TLS, a test CA ({@link TestCa}) signs a certificate for {@code localhost} and {@code
 * 127.0.0.1}; every Runnel JVM trusts it through {@code javax.net.ssl.trustStore} (its only trusted
 * CA), and {@link TlsFront}s in this (the bench) JVM terminate TLS in front of the SQS server and
 * in front of the delay proxy. Their CPU is this JVM's, never Runnel's.
 */
final class BenchEnvironment implements AutoCloseable {
  /** The system property that picks Runnel's SQS transport ({@code socket}, {@code jdk}). */
  static final String TRANSPORT_PROPERTY = "runnel.sqs.transport";

  /** The names the test CA's server certificate is for. */
  private static final String[] NAMES = {"localhost", "127.0.0.1"};

  final Path directory;
  final BenchDatabase db;
  final ChildJvm sqsServer;
  final String sqsBaseUrl;
  final SqsClient sqs;
  final SqsAsyncClient sqsAsync;

  /** The baseline transport's Runnel JVM: every run that compares no transports runs here. */
  final AgentClient agent;

  /** A Runnel JVM per transport label, the baseline first. */
  final Map<String, AgentClient> agents;

  final ReadCeiling readCeiling;

  /** The database TLS leg's CA and server certificate; {@code null} unless it runs. */
  final PgTlsLeg pgTls;

  private final TestCa ca;
  private int queues;
  private DelayProxy delayProxy;
  private TlsFront tlsFront;
  private TlsFront delayedTlsFront;

  private BenchEnvironment(
      Path directory,
      BenchDatabase db,
      ChildJvm sqsServer,
      String sqsBaseUrl,
      Map<String, AgentClient> agents,
      ReadCeiling readCeiling,
      TestCa ca,
      PgTlsLeg pgTls) {
    this.directory = directory;
    this.db = db;
    this.sqsServer = sqsServer;
    this.sqsBaseUrl = sqsBaseUrl;
    this.agents = agents;
    this.agent = agents.values().iterator().next();
    this.readCeiling = readCeiling;
    this.ca = ca;
    this.pgTls = pgTls;
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    this.sqs =
        SqsClient.builder()
            .endpointOverride(URI.create(sqsBaseUrl))
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .build();
    this.sqsAsync =
        SqsAsyncClient.builder()
            .endpointOverride(URI.create(sqsBaseUrl))
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .maxConcurrency(256)
                    .connectionAcquisitionTimeout(Duration.ofSeconds(30)))
            .build();
  }

  /**
   * Starts PostgreSQL, ElasticMQ and the Runnel agent (Runnel's default transport, plain HTTP).
   *
   * @param agentOptions JVM options of the Runnel agent (heap bound, JFR)
   */
  static BenchEnvironment start(Path directory, List<String> agentOptions) throws Exception {
    return start(directory, agentOptions, List.of(BenchOptions.DEFAULT_TRANSPORT), false, false);
  }

  /**
   * Starts PostgreSQL, ElasticMQ and a Runnel agent per transport: {@code
   * -Drunnel.sqs.transport=<label>}, except for {@link BenchOptions#DEFAULT_TRANSPORT}. With {@code
   * tls}, first makes the test CA every agent trusts; with {@code pgTls}, PostgreSQL serves TLS
   * with a certificate of a CA of its own ({@link PgTlsLeg}).
   *
   * @param agentOptions JVM options of every Runnel agent (heap bound, JFR)
   */
  static BenchEnvironment start(
      Path directory,
      List<String> agentOptions,
      List<String> transports,
      boolean tls,
      boolean pgTls)
      throws Exception {
    Files.createDirectories(directory);
    Path log = directory.resolve("bench.log");
    ReadCeiling.locate();
    TestCa ca = tls ? TestCa.create(freshDirectory(directory.resolve("tls")), NAMES) : null;
    PgTlsLeg pgTlsLeg = pgTls ? PgTlsLeg.create(freshDirectory(directory.resolve("pgtls"))) : null;
    BenchDatabase db = BenchDatabase.start(pgTlsLeg);
    ChildJvm sqsServer =
        ChildJvm.start(SqsServerMain.class, List.of("-Xmx2g", "-XX:+UseParallelGC"), log);
    String baseUrl = "http://localhost:" + sqsServer.answer()[1];
    Map<String, AgentClient> agents = new LinkedHashMap<>();
    for (String transport : transports) {
      List<String> options = new ArrayList<>(agentOptions);
      if (ca != null) {
        options.add("-Djavax.net.ssl.trustStore=" + ca.trustStore().toAbsolutePath());
        options.add("-Djavax.net.ssl.trustStorePassword=" + TestCa.PASSWORD);
        options.add("-Djavax.net.ssl.trustStoreType=PKCS12");
      }
      if (!transport.equals(BenchOptions.DEFAULT_TRANSPORT)) {
        options.add("-D" + TRANSPORT_PROPERTY + "=" + transport);
      }
      agents.put(transport, AgentClient.start(options, log));
    }
    return new BenchEnvironment(
        directory,
        db,
        sqsServer,
        baseUrl,
        agents,
        new ReadCeiling(ReadCeiling.locate(), db),
        ca,
        pgTlsLeg);
  }

  /** {@code dir}, emptied (keytool refuses to add a key under an alias a store already has). */
  private static Path freshDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /** A new, empty queue (FIFO when asked) for one run; queues are never reused. */
  String newQueue(String prefix, boolean fifo) {
    String name = prefix + "-" + (++queues) + (fifo ? ".fifo" : "");
    Map<QueueAttributeName, String> attributes =
        fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
    return sqs.createQueue(q -> q.queueName(name).attributes(attributes)).queueUrl();
  }

  void deleteQueue(String url) {
    sqs.deleteQueue(q -> q.queueUrl(url));
  }

  /**
   * The SQS server's base URL behind a {@link DelayProxy} that delays every byte sent to it by
   * {@code delayMillis}; one proxy serves the whole benchmark.
   */
  String delayedSqsBaseUrl(int delayMillis) throws IOException {
    if (delayProxy == null) {
      int port = URI.create(sqsBaseUrl).getPort();
      delayProxy =
          DelayProxy.start(port, Duration.ofMillis(delayMillis), DelayProxy.Clock.system());
    }
    if (delayProxy.delay().toMillis() != delayMillis) {
      throw new IllegalStateException(
          "the delay proxy runs at " + delayProxy.delay() + ", not " + delayMillis + " ms");
    }
    return "http://127.0.0.1:" + delayProxy.port();
  }

  /**
   * The SQS server's base URL over HTTPS: a {@link TlsFront} in this JVM, started when first asked
   * for, forwarding to the server's plain port.
   */
  String tlsSqsBaseUrl() throws IOException {
    if (tlsFront == null) {
      tlsFront = TlsFront.start(tlsContext(), URI.create(sqsBaseUrl).getPort());
    }
    return "https://localhost:" + tlsFront.port();
  }

  /**
   * The delay proxy's base URL over HTTPS: a {@link TlsFront} in this JVM in front of the {@link
   * DelayProxy}, so TLS runs between Runnel and the front and the delay between the front and the
   * server, as on a real link.
   */
  String tlsDelayedSqsBaseUrl(int delayMillis) throws IOException {
    String delayed = delayedSqsBaseUrl(delayMillis);
    if (delayedTlsFront == null) {
      delayedTlsFront = TlsFront.start(tlsContext(), URI.create(delayed).getPort());
    }
    return "https://localhost:" + delayedTlsFront.port();
  }

  /** TLS connections the fronts have accepted so far: each a full or resumed handshake. */
  int tlsConnections() {
    return (tlsFront == null ? 0 : tlsFront.connections())
        + (delayedTlsFront == null ? 0 : delayedTlsFront.connections());
  }

  private javax.net.ssl.SSLContext tlsContext() {
    if (ca == null) {
      throw new IllegalStateException("TLS asked for, but the environment started without it");
    }
    return ca.serverContext();
  }

  /**
   * The queue URL Runnel is configured with when it sends to {@code baseUrl}: over HTTPS the
   * front's scheme, host and port with the queue's path (as a real SQS queue URL is HTTPS); else
   * the server's own URL, as before.
   */
  static String queueUrlVia(String queueUrl, String baseUrl) {
    return baseUrl.startsWith("https:") ? baseUrl + URI.create(queueUrl).getRawPath() : queueUrl;
  }

  /**
   * Writes a Runnel config that streams {@code table} from {@code slot} to {@code queueUrl}; with
   * {@code groupByAccount} the message group is the row's {@code account_id} (128 groups).
   */
  Path runnelConfig(
      String slot, boolean createSlot, String table, String queueUrl, boolean groupByAccount)
      throws IOException {
    return runnelConfig(slot, createSlot, table, queueUrl, groupByAccount, sqsBaseUrl);
  }

  /** As above, with Runnel's requests sent to {@code sqsEndpoint} (the delay proxy's URL). */
  Path runnelConfig(
      String slot,
      boolean createSlot,
      String table,
      String queueUrl,
      boolean groupByAccount,
      String sqsEndpoint)
      throws IOException {
    String tables =
        groupByAccount
            ? "tables: [{name: \"public." + table + "\", group_column_names: [account_id]}]"
            : "table: \"public." + table + "\"";
    String yaml =
        """
        databases:
          - name: "bench"
            hostname: "localhost"
            port: %d
            database: "postgres"
            username: "postgres"
            password: "postgres"
            slot: { name: "%s", create_if_not_exists: %b }
            publication: { name: "%s", create_if_not_exists: false }
        sinks:
          - name: "bench-sink"
            database: "bench"
            %s
            batch_size: 10
            destination:
              type: "sqs"
              queue_url: "%s"
              use_emulator: true
              emulator_base_url: "%s"
        """
            .formatted(
                db.port(),
                slot,
                createSlot,
                BenchDatabase.PUBLICATION,
                tables,
                queueUrl,
                sqsEndpoint);
    Path file = directory.resolve("runnel-" + slot + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  long sqsServerCpuNanos() {
    return ProcessStats.cpuNanos(sqsServer.pid());
  }

  long agentCpuNanos() {
    return agentCpuNanos(agent);
  }

  static long agentCpuNanos(AgentClient agent) {
    return ProcessStats.cpuNanos(agent.pid());
  }

  static long ownCpuNanos() {
    return ProcessStats.cpuNanos(ProcessHandle.current().pid());
  }

  @Override
  public void close() throws Exception {
    for (AgentClient each : agents.values()) {
      each.close();
    }
    if (tlsFront != null) {
      tlsFront.close();
    }
    if (delayedTlsFront != null) {
      delayedTlsFront.close();
    }
    if (delayProxy != null) {
      delayProxy.close();
    }
    sqs.close();
    sqsAsync.close();
    sqsServer.close();
    db.close();
  }
}

package io.runnel.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Everything a benchmark run needs: PostgreSQL, the SQS server (ElasticMQ in its own JVM), Runnel
 * (in another), clients for both, the delay proxy (started when first asked for), and the output
 * directory. Not thread-safe.
 */
final class BenchEnvironment implements AutoCloseable {
  final Path directory;
  final BenchDatabase db;
  final ChildJvm sqsServer;
  final String sqsBaseUrl;
  final SqsClient sqs;
  final SqsAsyncClient sqsAsync;
  final AgentClient agent;
  final ReadCeiling readCeiling;
  private int queues;
  private DelayProxy delayProxy;

  private BenchEnvironment(
      Path directory,
      BenchDatabase db,
      ChildJvm sqsServer,
      String sqsBaseUrl,
      AgentClient agent,
      ReadCeiling readCeiling) {
    this.directory = directory;
    this.db = db;
    this.sqsServer = sqsServer;
    this.sqsBaseUrl = sqsBaseUrl;
    this.agent = agent;
    this.readCeiling = readCeiling;
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
   * Starts PostgreSQL, ElasticMQ and the Runnel agent.
   *
   * @param agentOptions JVM options of the Runnel agent (heap bound, JFR)
   */
  static BenchEnvironment start(Path directory, List<String> agentOptions) throws Exception {
    Files.createDirectories(directory);
    Path log = directory.resolve("bench.log");
    ReadCeiling.locate();
    BenchDatabase db = BenchDatabase.start();
    ChildJvm sqsServer =
        ChildJvm.start(SqsServerMain.class, List.of("-Xmx2g", "-XX:+UseParallelGC"), log);
    String baseUrl = "http://localhost:" + sqsServer.answer()[1];
    AgentClient agent = AgentClient.start(agentOptions, log);
    return new BenchEnvironment(
        directory, db, sqsServer, baseUrl, agent, new ReadCeiling(ReadCeiling.locate(), db));
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
    return ProcessStats.cpuNanos(agent.pid());
  }

  static long ownCpuNanos() {
    return ProcessStats.cpuNanos(ProcessHandle.current().pid());
  }

  @Override
  public void close() throws Exception {
    agent.close();
    if (delayProxy != null) {
      delayProxy.close();
    }
    sqs.close();
    sqsAsync.close();
    sqsServer.close();
    db.close();
  }
}

package io.runnel.cli;

import io.runnel.api.HttpApi;
import io.runnel.config.ConfigLoader;
import io.runnel.config.RunnelConfig;
import io.runnel.demo.DemoConsumer;
import io.runnel.demo.DemoWorkload;
import io.runnel.demo.EmbeddedPostgres;
import io.runnel.demo.EmbeddedSqs;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code runnel demo}: an embedded PostgreSQL and SQS server, a sample table with a generated
 * workload, Runnel streaming it, and each message printed as a consumer receives it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Zero-setup demo: embedded PostgreSQL + embedded SQS, a workload, live messages.")
final class DemoCommand implements Callable<Integer> {
  static final String QUEUE = "orders.fifo";

  @Option(
      names = "--http-port",
      defaultValue = "7376",
      description = "HTTP port for /health (default: ${DEFAULT-VALUE}; a free one if taken).")
  int httpPort;

  @Option(
      names = "--duration",
      defaultValue = "0",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  int durationSeconds;

  @Option(
      names = "--rate",
      defaultValue = "4",
      description = "Workload transactions per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Mixin LogSetup logSetup;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    logSetup.apply();
    Logger log = LoggerFactory.getLogger(DemoCommand.class);
    PrintWriter out = spec.commandLine().getOut();
    StopSignal stop = StopSignal.install();
    out.println(
        "Starting embedded PostgreSQL and SQS (first run unpacks PostgreSQL: a few seconds)…");
    out.flush();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        EmbeddedSqs sqs = EmbeddedSqs.start(0);
        SqsClient sqsClient = sqs.client()) {
      DemoWorkload.createSchema(postgres);
      sqsClient.createQueue(
          q -> q.queueName(QUEUE).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
      String yaml = DemoConfig.yaml(postgres, sqs, QUEUE);
      out.println("Config (as `runnel run --config` would read it):");
      out.println(DemoConfig.masked(yaml));
      RunnelConfig config = ConfigLoader.parse(yaml, System.getenv());
      try (Runnel runnel = Runnel.start(RunnelOptions.defaults(config));
          HttpApi api = startApi(runnel);
          DemoWorkload workload = DemoWorkload.start(postgres, rate);
          DemoConsumer consumer = DemoConsumer.start(sqsClient, sqs.queueUrl(QUEUE), out)) {
        String base = "http://127.0.0.1:" + api.port();
        out.println("Console: " + base + "/   (messages, retry/discard, pause/resume)");
        out.println("Health: " + base + "/health   Metrics: " + base + "/metrics");
        out.println("Queue: " + sqs.queueUrl(QUEUE));
        out.println(
            "orders has REPLICA IDENTITY FULL: updates show the old values under \"changes\","
                + " deletes the old row.");
        out.println(
            "Now and then the workload inserts a 300 KB row, larger than the queue's 256 KiB:"
                + " Runnel discards it and records it (console: Messages → discarded).");
        out.println("Messages as a consumer receives them (Ctrl-C to stop):");
        out.flush();
        awaitStop(stop, durationSeconds);
        log.info("demo stopping: {} messages received", consumer.received());
      }
    }
    return Main.EXIT_OK;
  }

  private HttpApi startApi(Runnel runnel) throws IOException {
    try {
      return HttpApi.start(runnel, "127.0.0.1", httpPort, null);
    } catch (BindException e) {
      return HttpApi.start(runnel, "127.0.0.1", 0, null);
    }
  }

  private static void awaitStop(StopSignal stop, int seconds) throws InterruptedException {
    if (seconds <= 0) {
      stop.await();
    } else {
      stop.await(seconds);
    }
  }
}

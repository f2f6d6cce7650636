package io.runnel.sink.sqs;

import io.runnel.aws.AwsCredentialChain;
import io.runnel.aws.AwsProxy;
import io.runnel.aws.ProxyEndpoint;
import io.runnel.aws.SdkHttp;
import io.runnel.config.CheckResult;
import io.runnel.config.RunnelConfig;
import io.runnel.config.SinkConfig;
import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.config.SqsDestination;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code runnel validate --connect} for each enabled sink's queue: reachable with the configured
 * credentials ({@code GetQueueAttributes}), and FIFO exactly when its URL ends in {@code .fifo}.
 * Sends nothing. Blocks up to 20 s per queue; {@link #check} is thread-safe.
 */
public final class QueueChecks {
  static final long TIMEOUT_SECONDS = 20;
  private static final Set<String> MISSING =
      Set.of("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");
  private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException");
  private static final Set<String> BAD_CREDENTIALS =
      Set.of(
          "InvalidClientTokenId",
          "UnrecognizedClientException",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "InvalidSecurity");

  private QueueChecks() {}

  /** Every failed check and warning, in config order; empty when all pass. */
  public static List<CheckResult> check(RunnelConfig config) {
    SdkHttp http;
    try {
      http = SdkHttp.system();
    } catch (IllegalArgumentException e) {
      return List.of(CheckResult.error("environment", e.getMessage()));
    }
    return check(config, http);
  }

  /**
   * How each enabled sink's AWS calls travel, one line per sink: {@code sinks[0]: SQS at HOST
   * through proxy http://user:****@proxy:3128 (HTTPS_PROXY)}, STS too when a role is assumed; empty
   * when the proxy settings are unusable ({@link #check} reports why).
   */
  public static List<String> routes(RunnelConfig config) {
    try {
      return routes(config, AwsProxy.system());
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  static List<String> routes(RunnelConfig config, AwsProxy proxy) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < config.sinks().size(); i++) {
      SqsDestination destination = config.sinks().get(i).destination();
      if (config.sinks().get(i).status() == SinkStatus.DISABLED) {
        continue;
      }
      URI sqs;
      try {
        sqs = SqsClients.endpoint(destination);
      } catch (SqsSetupException e) {
        continue; // check() reports it
      }
      String line = "sinks[" + i + "]: SQS at " + sqs.getHost() + " " + proxy.describe(sqs);
      if (destination.roleArn() != null) {
        URI sts = AwsCredentialChain.stsEndpoint(SqsClients.region(destination));
        line += "; STS at " + sts.getHost() + " " + proxy.describe(sts);
      }
      lines.add(line);
    }
    return List.copyOf(lines);
  }

  static List<CheckResult> check(RunnelConfig config, SdkHttp http) {
    List<CheckResult> results = new ArrayList<>();
    for (int i = 0; i < config.sinks().size(); i++) {
      SinkConfig sink = config.sinks().get(i);
      String path = "sinks[" + i + "].destination.queue_url";
      if (sink.status() == SinkStatus.DISABLED) {
        continue;
      }
      if (sink.destination().queueUrl() == null) {
        results.add(
            CheckResult.warning(
                path,
                "not checked: routing function "
                    + sink.routing()
                    + " picks the queue per message"));
        continue;
      }
      check(sink.destination(), path, http).ifPresent(results::add);
    }
    return List.copyOf(results);
  }

  /** One queue's check over {@code http}; empty when it passes. */
  static Optional<CheckResult> check(SqsDestination destination, String path, SdkHttp http) {
    AwsCredentialsProvider credentials =
        SqsClients.credentials(destination, SqsClients.region(destination), http);
    try (SqsAsyncClient client =
        SqsClients.create(SqsEndpoint.of(destination), credentials, http)) {
      Map<QueueAttributeName, String> attributes =
          await(
                  client.getQueueAttributes(
                      r ->
                          r.queueUrl(destination.queueUrl())
                              .attributeNames(QueueAttributeName.FIFO_QUEUE)))
              .attributes();
      return fifo(destination, path, "true".equals(attributes.get(QueueAttributeName.FIFO_QUEUE)));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      Optional<ProxyEndpoint> proxy = http.proxy().proxyFor(SqsClients.endpoint(destination));
      return Optional.of(CheckResult.error(path, failure(destination, cause, proxy)));
    } catch (TimeoutException e) {
      String via =
          http.proxy()
              .proxyFor(SqsClients.endpoint(destination))
              .map(p -> " through proxy " + p + " (from " + p.source() + ")")
              .orElse("");
      return Optional.of(
          CheckResult.error(
              path,
              "no answer from SQS within "
                  + TIMEOUT_SECONDS
                  + " s"
                  + via
                  + ": check region, emulator_base_url and the network path to SQS"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(CheckResult.error(path, "interrupted while checking"));
    } catch (SqsSetupException e) {
      return Optional.of(CheckResult.error(path, e.getMessage()));
    }
  }

  /** The future's value within the checks' timeout; cancels it when it takes longer. */
  static <T> T await(CompletableFuture<T> future)
      throws ExecutionException, TimeoutException, InterruptedException {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } finally {
      future.cancel(true);
    }
  }

  private static Optional<CheckResult> fifo(
      SqsDestination destination, String path, boolean fifoQueue) {
    if (fifoQueue && !destination.isFifo()) {
      return Optional.of(
          CheckResult.error(
              path,
              "the queue is FIFO (FifoQueue=true) but its URL does not end in .fifo, so Runnel"
                  + " would send no MessageDeduplicationId and SQS would reject every message:"
                  + " use the queue's real URL (a FIFO queue's name ends in .fifo)"));
    }
    if (!fifoQueue && destination.isFifo()) {
      return Optional.of(
          CheckResult.error(
              path,
              "the URL ends in .fifo but the queue is a standard queue (FifoQueue is not"
                  + " true): point queue_url at a FIFO queue, or at the standard queue's URL"));
    }
    return Optional.empty();
  }

  /** What went wrong and how to fix it, for a failed GetQueueAttributes sent directly. */
  static String failure(SqsDestination destination, Throwable cause) {
    return failure(destination, cause, Optional.empty());
  }

  /**
   * What went wrong and how to fix it, for a failed GetQueueAttributes sent through {@code proxy}.
   */
  static String failure(
      SqsDestination destination, Throwable cause, Optional<ProxyEndpoint> proxy) {
    String url = destination.queueUrl();
    if (!(cause instanceof AwsServiceException) && proxy.isPresent()) {
      return "cannot reach SQS through proxy "
          + proxy.get()
          + " (from "
          + proxy.get().source()
          + "): "
          + messages(cause)
          + " — check that the proxy at "
          + proxy.get().address()
          + " is up and lets Runnel through (credentials, CONNECT to "
          + SqsClients.endpoint(destination).getHost()
          + "),"
          + " or exempt the host with NO_PROXY";
    }
    if (!(cause instanceof AwsServiceException aws)) {
      return "cannot reach SQS: "
          + cause.getMessage()
          + " — check region, emulator_base_url, the network, and the credentials"
          + (destination.useTaskRole() ? " (use_task_role: the default chain found none?)" : "");
    }
    String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
    String reason = code + ": " + aws.awsErrorDetails().errorMessage();
    if (MISSING.contains(code)) {
      String name = url.substring(url.lastIndexOf('/') + 1);
      return "the queue does not exist ("
          + reason
          + "): create it (aws sqs create-queue --queue-name "
          + name
          + (destination.isFifo() ? " --attributes FifoQueue=true" : "")
          + "), or fix queue_url (account, region and name)";
    }
    if (DENIED.contains(code) || (aws.statusCode() == 403 && !BAD_CREDENTIALS.contains(code))) {
      return "access denied ("
          + reason
          + "): allow IAM action sqs:GetQueueAttributes on "
          + arn(destination)
          + " for these credentials (Runnel also needs sqs:SendMessage)";
    }
    if (BAD_CREDENTIALS.contains(code)) {
      return "SQS rejected the credentials ("
          + reason
          + "): fix access_key_id/secret_access_key, or the role Runnel runs as or assumes";
    }
    return "GetQueueAttributes failed (" + reason + ", HTTP " + aws.statusCode() + ")";
  }

  /** The messages of {@code cause} and its causes, each once, joined by ": ". */
  private static String messages(Throwable cause) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && messages.stream().noneMatch(m -> m.contains(message))) {
        messages.add(message);
      }
    }
    return String.join(": ", messages);
  }

  /**
   * {@code arn:<partition>:sqs:<region>:<account>:<queue>}: the signing region, its partition
   * ({@code aws-cn}, {@code aws-us-gov} …), and the URL's last two path segments.
   */
  static String arn(SqsDestination destination) {
    String[] parts = destination.queueUrl().split("/");
    Region region = SqsClients.region(destination);
    return "arn:"
        + PartitionMetadata.of(region).id()
        + ":sqs:"
        + region.id()
        + ":"
        + parts[parts.length - 2]
        + ":"
        + parts[parts.length - 1];
  }
}

package io.runnel.bench;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Puts one JFR sample of the Runnel JVM in a {@link Stage}: the table to adjust when code moves.
 *
 * <p>A sample with a frame of {@link #CALLER_RULES} anywhere in its stack goes to that rule's stage
 * whatever runs under it (the agent's own polling, Runnel's start-up). Otherwise its frames are
 * walked from the leaf towards the root and the first frame that matches a rule of {@link #RULES}
 * decides (within one frame, the first rule in table order). Frames that only say <em>how</em> work
 * is done, whoever asked for it (socket calls, generic AWS SDK pipeline code, the lean client's
 * shared helpers such as {@code Digests}), are in {@link #WEAK_RULES}: they decide only when no
 * frame matched a rule of {@code RULES}, so pgjdbc's socket reads stay in decode and hashing under
 * a signer stays in signing. A sample with no matching frame goes by its thread's name ({@link
 * #THREAD_RULES}), else to {@link Stage#OTHER}. Threads of the harness itself ({@link
 * #HARNESS_THREADS}) are {@link Stage#HARNESS} whatever they run. A frame is written {@code
 * package.Class.method}; a pattern {@code *Part*} matches a simple class name containing {@code
 * Part}, any other pattern is a prefix.
 *
 * <p>Covers both the AWS SDK v2 sink and the lean SQS client replacing it in {@code
 * io.runnel.sink.sqs} ({@code BatchRequestWriter}, {@code BatchTransport}, {@code HttpConnection},
 * ...; it signs with the SDK's signer, under {@code software.amazon.awssdk.http.auth.aws}).
 * Stateless; thread-safe.
 */
final class StageRules {
  /** One row of a rule table: frames (or thread names) matching {@code pattern} go to stage. */
  record Rule(String pattern, Stage stage) {}

  /** Callers that own everything under them; checked before {@link #RULES}. */
  static final List<Rule> CALLER_RULES =
      List.of(
          new Rule("io.runnel.bench.RunnelAgent.awaitDelivered", Stage.HARNESS),
          new Rule("io.runnel.bench.RunnelAgent.reportMemory", Stage.HARNESS),
          new Rule("io.runnel.bench.AgentProfiler", Stage.HARNESS),
          new Rule("io.runnel.bench.ChildJvm", Stage.HARNESS),
          new Rule("io.runnel.runtime.Runnel.start", Stage.SETUP));

  static final List<Rule> RULES =
      List.of(
          // The lean SQS client (io.runnel.sink.sqs) and Runnel's side of the SDK sink.
          new Rule("io.runnel.sink.sqs.BatchTransport", Stage.HTTP),
          new Rule("io.runnel.sink.sqs.BatchRequestWriter", Stage.MARSHALLING),
          new Rule("io.runnel.sink.sqs.BatchResponseReader", Stage.RESPONSE),
          new Rule("io.runnel.sink.sqs.HttpConnection", Stage.HTTP),
          new Rule("io.runnel.sink.sqs.HttpPool", Stage.HTTP),
          new Rule("io.runnel.sink.sqs.HttpResponse", Stage.HTTP),
          new Rule("io.runnel.sink.sqs.HttpAnswer", Stage.HTTP),
          new Rule("io.runnel.sink.sqs.RequestOutcomes", Stage.RESPONSE),
          new Rule("io.runnel.sink.sqs.SqsErrors", Stage.RESPONSE),
          new Rule("io.runnel.sink.sqs.SqsSink", Stage.MARSHALLING),
          new Rule("io.runnel.sink.sqs.MessageIds", Stage.MARSHALLING),
          new Rule("io.runnel.sink.sqs.BatchRequests", Stage.MARSHALLING),
          // The AWS SDK v2: signing, response handling and its HTTP client before marshalling.
          new Rule("software.amazon.awssdk.auth.signer", Stage.SIGNING),
          new Rule("software.amazon.awssdk.http.auth.aws", Stage.SIGNING),
          new Rule("*Signer*", Stage.SIGNING),
          new Rule("software.amazon.awssdk.http.nio.netty", Stage.HTTP),
          new Rule("*MessageMD5ChecksumInterceptor*", Stage.RESPONSE),
          new Rule("*Unmarshall*", Stage.RESPONSE),
          new Rule("*ResponseHandler*", Stage.RESPONSE),
          new Rule("software.amazon.awssdk.protocols", Stage.MARSHALLING),
          new Rule("*Marshall*", Stage.MARSHALLING),
          new Rule("io.netty", Stage.HTTP),
          // Runnel's own stages.
          new Rule("io.micrometer", Stage.METRICS),
          new Rule("io.runnel.delivery.Settler", Stage.ACK),
          new Rule("io.runnel.pipeline.AckWatermark", Stage.ACK),
          new Rule("io.runnel.pipeline.Transaction", Stage.ACK),
          new Rule("io.runnel.source.ReplicationSource.acknowledge", Stage.ACK),
          new Rule("org.postgresql.core.v3.replication.V3PGReplicationStream.set", Stage.ACK),
          new Rule("org.postgresql.core.v3.replication.V3PGReplicationStream.force", Stage.ACK),
          new Rule(
              "org.postgresql.core.v3.replication.V3PGReplicationStream.timeUpdate", Stage.ACK),
          new Rule("org.postgresql.core.v3.replication.V3PGReplicationStream.update", Stage.ACK),
          new Rule("org.postgresql.core.v3.replication.V3PGReplicationStream.prepare", Stage.ACK),
          new Rule("io.runnel.decode.", Stage.DECODE),
          new Rule("io.runnel.source.", Stage.DECODE),
          new Rule("org.postgresql.", Stage.DECODE),
          new Rule("io.runnel.message.", Stage.ENCODE),
          new Rule("io.runnel.function.", Stage.ENCODE),
          new Rule("io.runnel.pipeline.", Stage.DISPATCH),
          new Rule("io.runnel.delivery.", Stage.DISPATCH),
          new Rule("io.runnel.runtime.DatabasePipeline", Stage.DISPATCH),
          new Rule("io.runnel.bench.", Stage.HARNESS));

  static final List<Rule> WEAK_RULES =
      List.of(
          // Shared helpers (Digests: MD5 and SHA-256) count for whichever of the above called them.
          new Rule("io.runnel.sink.sqs.", Stage.MARSHALLING),
          new Rule("sun.nio.ch.", Stage.HTTP),
          // java.net.Socket*, not java.net: URI and URL work belongs to whoever builds requests.
          new Rule("java.net.Socket", Stage.HTTP),
          new Rule("java.net.http.", Stage.HTTP),
          new Rule("jdk.internal.net.http.", Stage.HTTP),
          new Rule("sun.net.", Stage.HTTP),
          new Rule("sun.security.ssl.", Stage.HTTP),
          new Rule("software.amazon.awssdk.", Stage.MARSHALLING));

  /** Thread-name regular expressions, for samples without a matching frame. */
  static final List<Rule> THREAD_RULES =
      List.of(
          new Rule(".*[Ee]vent[Ll]oop.*", Stage.HTTP),
          new Rule("sqs-http.*", Stage.HTTP),
          // Virtual threads' socket pollers and timer; in Runnel only sqs-http threads are virtual.
          new Rule(".*Poller|ForkJoinPool-\\d+-delayScheduler", Stage.HTTP),
          new Rule("sdk-async-response.*", Stage.RESPONSE),
          new Rule("runnel-source-.*", Stage.DECODE),
          new Rule("runnel-sink-.*", Stage.DISPATCH),
          new Rule("main", Stage.HARNESS),
          new Rule("Reference Handler|Finalizer|Common-Cleaner|Notification Thread", Stage.JVM));

  /** The agent's own threads (its samplers) and JFR's, whatever they run. */
  static final Pattern HARNESS_THREADS = Pattern.compile("bench-.*|JFR .*|Attach Listener");

  /** Leaf frames of native samples that wait rather than work; such samples are not counted. */
  static final List<String> WAITING_LEAVES =
      List.of(
          "sun.nio.ch.EPoll.wait",
          "sun.nio.ch.Net.poll",
          "sun.nio.ch.Net.accept",
          "io.netty.channel.epoll.Native.epollWait",
          "java.io.FileInputStream.read",
          "java.lang.Thread.sleep",
          "java.lang.Object.wait",
          "jdk.internal.misc.Unsafe.park",
          "java.lang.ProcessHandleImpl.waitForProcessExit");

  private StageRules() {}

  /** The stage of a sample taken on {@code threadName}; {@code frames} from the leaf. */
  static Stage classify(List<String> frames, String threadName) {
    if (HARNESS_THREADS.matcher(threadName).matches()) {
      return Stage.HARNESS;
    }
    Stage stage = anyMatch(frames, CALLER_RULES);
    if (stage == null) {
      stage = firstMatch(frames, RULES);
    }
    if (stage == null) {
      stage = firstMatch(frames, WEAK_RULES);
    }
    return stage != null ? stage : byThread(threadName);
  }

  /** The stage of a thread's CPU when none of its samples says more. */
  static Stage byThread(String threadName) {
    if (HARNESS_THREADS.matcher(threadName).matches()) {
      return Stage.HARNESS;
    }
    for (Rule rule : THREAD_RULES) {
      if (threadName.matches(rule.pattern())) {
        return rule.stage();
      }
    }
    return Stage.OTHER;
  }

  /** Whether a native sample with this leaf frame is a thread waiting (not using CPU). */
  static boolean waiting(String leaf) {
    return WAITING_LEAVES.stream().anyMatch(leaf::startsWith);
  }

  private static Stage anyMatch(List<String> frames, List<Rule> rules) {
    for (Rule rule : rules) {
      for (String frame : frames) {
        if (matches(rule.pattern(), frame)) {
          return rule.stage();
        }
      }
    }
    return null;
  }

  private static Stage firstMatch(List<String> frames, List<Rule> rules) {
    for (String frame : frames) {
      for (Rule rule : rules) {
        if (matches(rule.pattern(), frame)) {
          return rule.stage();
        }
      }
    }
    return null;
  }

  static boolean matches(String pattern, String frame) {
    if (pattern.length() > 2 && pattern.startsWith("*") && pattern.endsWith("*")) {
      return simpleClassName(frame).contains(pattern.substring(1, pattern.length() - 1));
    }
    return frame.startsWith(pattern);
  }

  /** {@code Signer} of {@code a.b.Signer.sign}; {@code Outer$Inner} stays whole. */
  private static String simpleClassName(String frame) {
    int method = frame.lastIndexOf('.');
    String type = method < 0 ? frame : frame.substring(0, method);
    return type.substring(type.lastIndexOf('.') + 1);
  }
}

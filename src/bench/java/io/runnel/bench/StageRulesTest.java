package io.runnel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StageRulesTest {
  private static final String SINK_THREAD = "runnel-sink-bench-sink";

  @Test
  void leafMostMatchingFrameDecides() {
    List<String> jacksonUnderEncoder =
        List.of(
            "com.fasterxml.jackson.core.json.WriterBasedJsonGenerator._writeString2",
            "io.runnel.message.BodyWriter.write",
            "io.runnel.pipeline.ChangeFanout.accept",
            "io.runnel.source.ReplicationSource.run");
    assertThat(StageRules.classify(jacksonUnderEncoder, "runnel-source-bench"))
        .isEqualTo(Stage.ENCODE);
  }

  @Test
  void sdkUtilitiesUnderTheSignerAreSigning() {
    List<String> stack =
        List.of(
            "sun.security.provider.SHA2.implCompress0",
            "software.amazon.awssdk.utils.BinaryUtils.toHex",
            "software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigner.sign",
            "software.amazon.awssdk.core.internal.http.pipeline.stages.SigningStage.execute",
            "io.runnel.sink.sqs.SqsSink.send",
            "io.runnel.delivery.Dispatcher.dispatch");
    assertThat(StageRules.classify(stack, SINK_THREAD)).isEqualTo(Stage.SIGNING);
  }

  @Test
  void genericSdkCodeIsMarshallingOnlyWhenNothingElseMatches() {
    List<String> pipeline =
        List.of(
            "software.amazon.awssdk.core.internal.http.pipeline.stages.MakeAsyncHttpRequestStage"
                + ".execute",
            "software.amazon.awssdk.core.internal.http.AmazonAsyncHttpClient.execute");
    assertThat(StageRules.classify(pipeline, "sdk-async-response-0-1"))
        .isEqualTo(Stage.MARSHALLING);

    List<String> md5 =
        List.of(
            "software.amazon.awssdk.utils.Md5Utils.computeMD5Hash",
            "software.amazon.awssdk.services.sqs.internal.MessageMD5ChecksumInterceptor"
                + ".afterExecution");
    assertThat(StageRules.classify(md5, "sdk-async-response-0-1")).isEqualTo(Stage.RESPONSE);
  }

  @Test
  void socketFramesFollowWhoeverReads() {
    List<String> pgjdbcRead =
        List.of(
            "sun.nio.ch.SocketDispatcher.read0",
            "java.net.Socket$SocketInputStream.read",
            "org.postgresql.core.PGStream.receive",
            "org.postgresql.core.v3.replication.V3PGReplicationStream.readPending");
    assertThat(StageRules.classify(pgjdbcRead, "runnel-source-bench")).isEqualTo(Stage.DECODE);

    List<String> uriUnderTheSdk =
        List.of(
            "java.net.URI$Parser.parse",
            "software.amazon.awssdk.core.internal.http.pipeline.stages.ApplyUserAgentStage.execute");
    assertThat(StageRules.classify(uriUnderTheSdk, SINK_THREAD)).isEqualTo(Stage.MARSHALLING);

    List<String> bareSocketWrite =
        List.of("sun.nio.ch.SocketDispatcher.write0", "java.lang.Thread.run");
    assertThat(StageRules.classify(bareSocketWrite, "some-thread")).isEqualTo(Stage.HTTP);
  }

  @Test
  void settlingAndTheSourceAckAreAck() {
    List<String> settle =
        List.of(
            "io.runnel.pipeline.AckWatermark.advance",
            "io.runnel.delivery.Settler.settled",
            "io.runnel.delivery.SinkWorker.run");
    assertThat(StageRules.classify(settle, SINK_THREAD)).isEqualTo(Stage.ACK);

    List<String> flush =
        List.of(
            "org.postgresql.core.v3.replication.V3PGReplicationStream.forceUpdateStatus",
            "io.runnel.source.ReplicationSource.acknowledge",
            "io.runnel.source.ReplicationSource.readUntilStopped");
    assertThat(StageRules.classify(flush, "runnel-source-bench")).isEqualTo(Stage.ACK);
  }

  @Test
  void leanClientClassesHaveTheirStages() {
    assertThat(classifyUnderSink("io.runnel.sink.sqs.BatchRequestWriter.write"))
        .isEqualTo(Stage.MARSHALLING);
    assertThat(classifyUnderSink("io.runnel.sink.sqs.BatchTransport.post")).isEqualTo(Stage.HTTP);
    assertThat(classifyUnderSink("io.runnel.sink.sqs.HttpPool.acquire")).isEqualTo(Stage.HTTP);
    assertThat(classifyUnderSink("io.runnel.sink.sqs.HttpResponseParser.parse"))
        .isEqualTo(Stage.HTTP);
    assertThat(classifyUnderSink("io.runnel.sink.sqs.BatchResponseReader.read"))
        .isEqualTo(Stage.RESPONSE);
    assertThat(classifyUnderSink("io.runnel.sink.sqs.MessageIds.of")).isEqualTo(Stage.MARSHALLING);
    assertThat(classifyUnderSink("io.runnel.sink.sqs.HttpAnswer.read")).isEqualTo(Stage.HTTP);
  }

  @Test
  void leanClientDigestsCountForTheirCaller() {
    List<String> hashingForTheSignature =
        List.of(
            "sun.security.provider.SHA2.implCompress0",
            "software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils.hash",
            "io.runnel.sink.sqs.BatchTransport.head",
            "io.runnel.sink.sqs.BatchRequests.send");
    assertThat(StageRules.classify(hashingForTheSignature, "sqs-http-3")).isEqualTo(Stage.SIGNING);

    List<String> checkingAnswerMd5 =
        List.of(
            "io.runnel.sink.sqs.Digests.md5",
            "io.runnel.sink.sqs.BatchResponseReader.checkMd5",
            "io.runnel.sink.sqs.BatchRequests.send");
    assertThat(StageRules.classify(checkingAnswerMd5, "sqs-http-3")).isEqualTo(Stage.RESPONSE);
  }

  @Test
  void metricsInsideThePipelineAreMetrics() {
    List<String> stack =
        List.of(
            "java.util.concurrent.atomic.LongAdder.add",
            "io.micrometer.core.instrument.cumulative.CumulativeCounter.increment",
            "io.runnel.delivery.SinkStats.delivered",
            "io.runnel.delivery.Settler.settled");
    assertThat(StageRules.classify(stack, SINK_THREAD)).isEqualTo(Stage.METRICS);
  }

  @Test
  void unmatchedSamplesGoByThreadName() {
    List<String> jdkOnly = List.of("java.util.HashMap.get", "java.lang.Thread.run");
    assertThat(StageRules.classify(jdkOnly, "aws-java-sdk-NettyEventLoop-1-0"))
        .isEqualTo(Stage.HTTP);
    assertThat(StageRules.classify(jdkOnly, "sqs-http-3")).isEqualTo(Stage.HTTP);
    assertThat(StageRules.classify(jdkOnly, "runnel-source-bench")).isEqualTo(Stage.DECODE);
    assertThat(StageRules.classify(jdkOnly, SINK_THREAD)).isEqualTo(Stage.DISPATCH);
    assertThat(StageRules.classify(jdkOnly, "pool-7-thread-1")).isEqualTo(Stage.OTHER);
    assertThat(StageRules.byThread("MasterPoller")).isEqualTo(Stage.HTTP);
    assertThat(StageRules.byThread("ForkJoinPool-1-delayScheduler")).isEqualTo(Stage.HTTP);
    assertThat(StageRules.byThread("Notification Thread")).isEqualTo(Stage.JVM);
  }

  @Test
  void theAgentsPollingIsHarnessAndRunnelsStartIsSetup() {
    List<String> pollingMetrics =
        List.of(
            "io.micrometer.core.instrument.search.Search.functionCounters",
            "io.runnel.bench.RunnelAgent.delivered",
            "io.runnel.bench.RunnelAgent.awaitDelivered",
            "io.runnel.bench.RunnelAgent.main");
    assertThat(StageRules.classify(pollingMetrics, "main")).isEqualTo(Stage.HARNESS);

    List<String> buildingTheClient =
        List.of(
            "software.amazon.awssdk.core.client.builder.SdkDefaultClientBuilder.resolveAppId",
            "io.runnel.sink.sqs.SqsClients.create",
            "io.runnel.runtime.Runnel.start",
            "io.runnel.bench.RunnelAgent.main");
    assertThat(StageRules.classify(buildingTheClient, "main")).isEqualTo(Stage.SETUP);

    assertThat(StageRules.byThread("JFR Recorder Thread")).isEqualTo(Stage.HARNESS);
    assertThat(StageRules.classify(List.of("java.util.HashMap.get"), "bench-memory-watch"))
        .isEqualTo(Stage.HARNESS);
  }

  @Test
  void nativeWaitsAreRecognised() {
    assertThat(StageRules.waiting("sun.nio.ch.EPoll.wait")).isTrue();
    assertThat(StageRules.waiting("sun.nio.ch.SocketDispatcher.write0")).isFalse();
  }

  private static Stage classifyUnderSink(String frame) {
    return StageRules.classify(
        List.of(frame, "io.runnel.sink.sqs.SqsSink.send", "io.runnel.delivery.Dispatcher.run"),
        SINK_THREAD);
  }
}

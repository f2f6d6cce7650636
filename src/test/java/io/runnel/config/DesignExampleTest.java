package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.FunctionConfig.FunctionType;
import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.decode.Action;
import io.runnel.decode.TableId;
import io.runnel.message.TimestampFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** design-full.yml: every key of DESIGN.md §3 (plus source:), read into the records. */
class DesignExampleTest {
  private static final Map<String, String> ENV =
      Map.of(
          "RUNNEL_API_TOKEN", "tok",
          "STATE_PASSWORD", "pw",
          "AWS_SECRET_ACCESS_KEY", "secret",
          "EXTERNAL_ID", "ext");
  private final RunnelConfig config = ConfigLoader.parse(Configs.resource("design-full.yml"), ENV);

  @Test
  void serverStateDatabaseAndFunctions() {
    assertThat(config.server()).isEqualTo(new ServerConfig(7376, "127.0.0.1", "tok"));
    assertThat(config.state().url())
        .isEqualTo("postgresql://runnel:pw@state-host:5433/runnel_state");
    assertThat(config.databases().get(0).password()).isEqualTo("postgres");
    assertThat(config.databases().get(0).heartbeatIntervalMs()).isEqualTo(60_000);
    assertThat(config.functions())
        .extracting(FunctionConfig::type)
        .containsExactly(FunctionType.ROUTING, FunctionType.FILTER, FunctionType.TRANSFORM);
    assertThat(config.functions().get(0).sinkType()).isEqualTo("sqs");
    assertThat(config.functions().get(1).sinkType()).isNull();
    assertThat(ConfigLoader.warnings(config)).isEmpty();
  }

  @Test
  void sinkWithStaticKeys() {
    SinkConfig sink = config.sinks().get(0);

    assertThat(sink.annotations()).containsEntry("team", "billing").containsEntry("tier", 1L);
    assertThat(sink.destination().secretAccessKey()).isEqualTo("secret");
    assertThat(sink.destination().roleArn()).isNull();
    assertThat(sink.streams(new TableId("public", "orders"))).isTrue();
  }

  @Test
  void routedSinkWithAssumedRole() {
    SinkConfig routed = config.sinks().get(1);

    assertThat(routed.destination().queueUrl()).isNull();
    assertThat(routed.destination().roleArn()).isEqualTo("arn:aws:iam::123456789012:role/runnel");
    assertThat(routed.destination().externalId()).isEqualTo("ext");
    assertThat(routed.destination().maxMessageBytes()).isEqualTo(262_144);
    assertThat(routed.actions()).containsExactly(Action.INSERT);
    assertThat(routed.maxRetryCount()).isEqualTo(20);
    assertThat(routed.timestampFormat()).isEqualTo(TimestampFormat.UNIX_MICROSECOND);
    assertThat(routed.filter()).isEqualTo("only-paid");
    assertThat(routed.transform()).isEqualTo("record-only");
    assertThat(routed.routing()).isEqualTo("route-by-table");
    assertThat(routed.streams(new TableId("billing", "invoices"))).isTrue();
    assertThat(routed.groupColumnNames(new TableId("billing", "invoices"))).isEmpty();
  }

  @Test
  void pausedSinkSelectingBySource() {
    SinkConfig bySource = config.sinks().get(2);

    assertThat(bySource.status()).isEqualTo(SinkStatus.PAUSED);
    assertThat(bySource.streams(new TableId("public", "anything"))).isTrue();
    assertThat(bySource.streams(new TableId("public", "audit_log"))).isFalse();
    assertThat(bySource.streams(new TableId("other", "users"))).isFalse();
    assertThat(bySource.groupColumnNames(new TableId("public", "users")))
        .containsExactly("account_id");
    assertThat(bySource.destination().region()).isEqualTo("elasticmq");
  }
}

package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.decode.Action;
import io.runnel.decode.TableId;
import io.runnel.message.TimestampFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's (Sequin's SQS reference) example configs parse and validate. */
class SeedExamplesTest {

  @Test
  void accessKeysExample() {
    RunnelConfig config = Configs.parse(Configs.resource("seed-access-keys.yml"));

    SinkConfig sink = config.sinks().get(0);
    assertThat(sink.name()).isEqualTo("sqs-sink");
    assertThat(sink.database()).isEqualTo("e2e-database");
    assertThat(sink.batchSize()).isEqualTo(10);
    SqsDestination destination = sink.destination();
    assertThat(destination.queueUrl())
        .isEqualTo("https://sqs.us-east-1.amazonaws.com/123456789012/my-queue");
    assertThat(destination.region()).isEqualTo("us-east-1");
    assertThat(destination.accessKeyId()).isEqualTo("AKIA...");
    assertThat(destination.secretAccessKey()).isEqualTo("your-secret-key");
    assertThat(destination.useTaskRole()).isFalse();
    assertThat(destination.isFifo()).isFalse();
    assertThat(ConfigLoader.warnings(config)).isEmpty();
  }

  @Test
  void taskRoleExampleGetsEveryDefault() {
    RunnelConfig config = Configs.parse(Configs.resource("seed-task-role.yml"));

    SinkConfig sink = config.sinks().get(0);
    assertThat(sink.destination().useTaskRole()).isTrue();
    assertThat(sink.destination().accessKeyId()).isNull();
    assertThat(sink.destination().region()).isEqualTo("us-east-1");
    assertThat(sink.destination().maxMessageBytes()).isNull();
    assertThat(sink.status()).isEqualTo(SinkStatus.ACTIVE);
    assertThat(sink.actions())
        .containsExactlyInAnyOrder(Action.INSERT, Action.UPDATE, Action.DELETE);
    assertThat(sink.messageGrouping()).isTrue();
    assertThat(sink.maxRetryCount()).isNull();
    assertThat(sink.timestampFormat()).isEqualTo(TimestampFormat.ISO8601);
    assertThat(sink.filter()).isNull();
    assertThat(sink.transform()).isNull();
    assertThat(sink.routing()).isNull();
    assertThat(sink.annotations()).isEmpty();
    assertThat(sink.tables()).isEmpty();
    assertThat(sink.streams(new TableId("any", "table"))).isTrue();
    DatabaseConfig db = config.databases().get(0);
    assertThat(db.createSlot()).isTrue();
    assertThat(db.createPublication()).isTrue();
    assertThat(config.server()).isEqualTo(ServerConfig.defaults());
    assertThat(config.state()).isEqualTo(StateConfig.defaults());
  }

  @Test
  void groupingExampleHasAnOrderedAndAHighThroughputSink() {
    RunnelConfig config = Configs.parse(Configs.resource("seed-grouping.yml"));

    assertThat(config.sinks())
        .extracting(SinkConfig::name)
        .containsExactly("sqs-ordered", "sqs-high-throughput");
    SinkConfig ordered = config.sinks().get(0);
    TableId orders = new TableId("public", "orders");
    assertThat(ordered.messageGrouping()).isTrue();
    assertThat(ordered.tables()).containsExactly(new TableConfig(orders, List.of("customer_id")));
    assertThat(ordered.groupColumnNames(orders)).containsExactly("customer_id");
    assertThat(ordered.streams(orders)).isTrue();
    assertThat(ordered.streams(new TableId("public", "users"))).isFalse();
    assertThat(ordered.destination().isFifo()).isTrue();
    SinkConfig fast = config.sinks().get(1);
    assertThat(fast.messageGrouping()).isFalse();
    assertThat(fast.destination().isFifo()).isFalse();
    assertThat(fast.database()).isEqualTo("e2e-database");
    assertThat(ConfigLoader.warnings(config)).isEmpty();
  }

  @Test
  void localStackExample() {
    RunnelConfig config = Configs.parse(Configs.resource("seed-localstack.yml"));

    SinkConfig sink = config.sinks().get(0);
    assertThat(sink.tables())
        .containsExactly(new TableConfig(new TableId("public", "sqs_test_table"), List.of()));
    assertThat(sink.status()).isEqualTo(SinkStatus.ACTIVE);
    SqsDestination destination = sink.destination();
    assertThat(destination.useEmulator()).isTrue();
    assertThat(destination.emulatorBaseUrl()).isEqualTo("http://localstack:4566");
    assertThat(destination.region()).isEqualTo("us-east-1");
    assertThat(destination.accessKeyId()).isEqualTo("test");
    assertThat(config.databases().get(0).port()).isEqualTo(5432);
  }
}

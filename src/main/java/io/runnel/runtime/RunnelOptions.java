package io.runnel.runtime;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.config.DatabaseAuth;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.RunnelConfig;
import io.runnel.config.SinkConfig;
import io.runnel.delivery.DeliverySettings;
import io.runnel.ha.InstanceId;
import io.runnel.pipeline.Sink;
import io.runnel.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How to start a {@link Runnel}. {@link #defaults} is what {@code runnel run} uses; each {@code
 * with*} method returns a copy with one part changed. Immutable.
 *
 * @param config the validated configuration
 * @param instanceId names this instance in logs, /health and the API (see {@link InstanceId})
 * @param tuning adjusts each sink's delivery bounds (tests and benchmarks shorten the parking bound
 *     or shrink buffers; operators use the defaults)
 * @param openSinks opens each sink's destination, its requests counted in the run's metric registry
 *     (the benchmark's null sink measures the pipeline without SQS this way)
 * @param clock every time reading of the pipelines and their leases (backoff, deadlines,
 *     timestamps); tests pass a fake. The SQS sinks {@code openSinks} gives by default keep the
 *     system clock for request signing and connection deadlines.
 */
public record RunnelOptions(
    RunnelConfig config,
    String instanceId,
    UnaryOperator<DeliverySettings> tuning,
    Function<MeterRegistry, Function<SinkConfig, Sink>> openSinks,
    Clock clock) {

  public RunnelOptions {
    requireNonNull(config, "config");
    requireNonNull(instanceId, "instanceId");
    requireNonNull(tuning, "tuning");
    requireNonNull(openSinks, "openSinks");
    requireNonNull(clock, "clock");
  }

  /**
   * The host-pid instance id, the default delivery bounds, each sink's SQS queue and the system
   * clock.
   */
  public static RunnelOptions defaults(RunnelConfig config) {
    return new RunnelOptions(
        config,
        InstanceId.defaultId(),
        UnaryOperator.identity(),
        SinkSetup::sqsSinks,
        Clock.system());
  }

  public RunnelOptions withInstanceId(String instanceId) {
    return new RunnelOptions(config, instanceId, tuning, openSinks, clock);
  }

  public RunnelOptions withTuning(UnaryOperator<DeliverySettings> tuning) {
    return new RunnelOptions(config, instanceId, tuning, openSinks, clock);
  }

  public RunnelOptions withSinks(Function<MeterRegistry, Function<SinkConfig, Sink>> openSinks) {
    return new RunnelOptions(config, instanceId, tuning, openSinks, clock);
  }

  public RunnelOptions withClock(Clock clock) {
    return new RunnelOptions(config, instanceId, tuning, openSinks, clock);
  }

  /**
   * A copy whose databases get each connection's password from {@code passwords} (applied to each
   * database of the config) instead of their configured {@code password}, {@code password_file} or
   * IAM settings. The state store follows its database unless {@code state: url} is set. Tests
   * inject IAM token generators this way; config validation does not apply to them.
   */
  public RunnelOptions withPasswords(
      Function<DatabaseConfig, DatabaseAuth.PasswordSource> passwords) {
    List<DatabaseConfig> databases =
        config.databases().stream()
            .map(db -> db.withAuth(new DatabaseAuth.Provided(passwords.apply(db))))
            .toList();
    RunnelConfig changed =
        new RunnelConfig(
            config.server(),
            config.state(),
            databases,
            config.functions(),
            config.sinks(),
            config.ignoredKeys());
    return new RunnelOptions(changed, instanceId, tuning, openSinks, clock);
  }
}

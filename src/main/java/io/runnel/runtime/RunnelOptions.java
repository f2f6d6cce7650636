package io.runnel.runtime;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.config.RunnelConfig;
import io.runnel.config.SinkConfig;
import io.runnel.delivery.DeliverySettings;
import io.runnel.ha.InstanceId;
import io.runnel.pipeline.Sink;
import io.runnel.time.Clock;
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
}

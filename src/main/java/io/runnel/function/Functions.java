package io.runnel.function;

import io.micrometer.core.instrument.MeterRegistry;
import io.runnel.config.SinkConfig;
import java.util.Map;

/** Every compiled function of a configuration, by name. Immutable and thread-safe. */
public final class Functions {
  private final Map<String, CompiledFunction> byName;

  Functions(Map<String, CompiledFunction> byName) {
    this.byName = Map.copyOf(byName);
  }

  /**
   * The functions {@code sink} applies, with its filtered-message counter registered.
   *
   * @throws IllegalArgumentException when the sink names a function that is not defined (the config
   *     loader rejects that first)
   */
  public SinkFunctions forSink(SinkConfig sink, MeterRegistry registry) {
    return new SinkFunctions(
        sink.name(),
        named(sink, sink.filter()),
        named(sink, sink.transform()),
        named(sink, sink.routing()),
        new RoutedQueues(sink.destination()),
        registry);
  }

  private CompiledFunction named(SinkConfig sink, String name) {
    if (name == null) {
      return null;
    }
    CompiledFunction function = byName.get(name);
    if (function == null) {
      throw new IllegalArgumentException(
          "sink " + sink.name() + " refers to function " + name + ", which is not defined");
    }
    return function;
  }
}

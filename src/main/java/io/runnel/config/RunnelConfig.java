package io.runnel.config;

import java.util.List;
import java.util.Optional;

/** A whole, validated Runnel configuration. Immutable; built only by {@link ConfigLoader}. */
public record RunnelConfig(
    ServerConfig server,
    StateConfig state,
    List<DatabaseConfig> databases,
    List<FunctionConfig> functions,
    List<SinkConfig> sinks) {
  public RunnelConfig {
    databases = List.copyOf(databases);
    functions = List.copyOf(functions);
    sinks = List.copyOf(sinks);
  }

  public Optional<DatabaseConfig> database(String name) {
    return databases.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The sinks reading from the named database, in config order. */
  public List<SinkConfig> sinksOf(String databaseName) {
    return sinks.stream().filter(s -> s.database().equals(databaseName)).toList();
  }
}

package io.runnel.config;

import java.util.List;
import java.util.Optional;

/**
 * A whole, validated Runnel configuration. Immutable; built by {@link ConfigLoader}.
 *
 * @param ignoredKeys Sequin keys that were accepted for compatibility and ignored, each with its
 *     path and line; {@link ConfigLoader#warnings} reports them, and {@code run} logs them once
 */
public record RunnelConfig(
    ServerConfig server,
    StateConfig state,
    List<DatabaseConfig> databases,
    List<FunctionConfig> functions,
    List<SinkConfig> sinks,
    List<ConfigProblem> ignoredKeys) {
  public RunnelConfig {
    databases = List.copyOf(databases);
    functions = List.copyOf(functions);
    sinks = List.copyOf(sinks);
    ignoredKeys = List.copyOf(ignoredKeys);
  }

  /** A configuration without ignored keys. */
  public RunnelConfig(
      ServerConfig server,
      StateConfig state,
      List<DatabaseConfig> databases,
      List<FunctionConfig> functions,
      List<SinkConfig> sinks) {
    this(server, state, databases, functions, sinks, List.of());
  }

  /** The named function. */
  public Optional<FunctionConfig> function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public Optional<DatabaseConfig> database(String name) {
    return databases.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The sinks reading from the named database, in config order. */
  public List<SinkConfig> sinksOf(String databaseName) {
    return sinks.stream().filter(s -> s.database().equals(databaseName)).toList();
  }
}

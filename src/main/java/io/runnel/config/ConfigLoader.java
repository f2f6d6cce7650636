package io.runnel.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads Runnel's YAML configuration (DESIGN.md §3): interpolates environment variables, parses, and
 * validates everything in one pass, so that a {@link ConfigException} lists every problem, each
 * with its YAML path, message, offending value (secrets masked) and line. Stateless and
 * thread-safe; {@link #load} blocks on file I/O.
 */
public final class ConfigLoader {
  static final KeyChecker.Keys ROOT_KEYS =
      KeyChecker.Keys.of("server", "state", "databases", "functions", "sinks")
          .ignoring("account", "users", "api_tokens", "http_endpoints", "change_retentions")
          .rejecting(
              "transforms",
              "Sequin's legacy transforms are not supported; define a "
                  + "function with type: transform and a CEL expression under functions")
          .allowingAnchorHolders();

  private ConfigLoader() {}

  /**
   * Reads {@code file} (UTF-8), interpolates {@code ${VAR}} and {@code ${VAR:-default}} from {@link
   * System#getenv()}, parses and validates.
   *
   * @throws ConfigException listing every problem, or that the file cannot be read
   */
  public static RunnelConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ConfigException(
          List.of(new ConfigProblem(file.toString(), "cannot read the file: " + reason, null, 0)));
    }
    return parse(text, System.getenv());
  }

  /**
   * Interpolates {@code yaml} from {@code env}, parses and validates it.
   *
   * @throws ConfigException listing every problem
   */
  public static RunnelConfig parse(String yaml, Map<String, String> env) throws ConfigException {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(env, "env");
    Problems problems = new Problems();
    EnvInterpolator.Result interpolated = EnvInterpolator.interpolate(yaml, env);
    YamlNode root = YamlTree.compose(interpolated.text(), problems);
    RunnelConfig config = null;
    if (root != null) {
      config = read(root, problems);
    } else if (problems.count() == 0) {
      problems.add("", 0, "empty configuration: databases and sinks are required", null);
    }
    List<ConfigProblem> all = problems.all(environmentProblems(interpolated, root));
    if (!all.isEmpty()) {
      throw new ConfigException(all);
    }
    return config;
  }

  /**
   * Non-fatal findings for {@code runnel validate} and start-up logs: Sequin keys that were
   * ignored, sinks sharing a FIFO queue, queue names that look FIFO but are not, databases no sink
   * reads, and unused functions.
   */
  public static List<ConfigProblem> warnings(RunnelConfig config) {
    return Warnings.of(config);
  }

  private static RunnelConfig read(YamlNode root, Problems problems) {
    if (!root.isMapping()) {
      problems.at(root, "must be a mapping with databases and sinks");
      return null;
    }
    KeyChecker.check(root, ROOT_KEYS, problems);
    ServerConfig server = ServerSection.server(root.get("server"), problems);
    StateConfig state = ServerSection.state(root.get("state"), problems);
    List<DatabaseConfig> databases = DatabaseSection.read(root.get("databases"), problems);
    List<FunctionConfig> functions = FunctionSection.read(root.get("functions"), problems);
    List<SinkConfig> sinks = SinkSection.read(root.get("sinks"), Refs.scan(root), problems);
    if (problems.count() > 0) {
      return null;
    }
    return new RunnelConfig(server, state, databases, functions, sinks, problems.ignoredKeys());
  }

  private static List<ConfigProblem> environmentProblems(
      EnvInterpolator.Result interpolated, YamlNode root) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (EnvInterpolator.Unresolved ref : interpolated.unresolved()) {
      String path = YamlTree.pathAtLine(root, ref.line());
      String message =
          ref.malformed()
              ? "malformed variable reference: write ${NAME} or ${NAME:-default} "
                  + "($${ for a literal ${)"
              : "environment variable " + ref.reference() + " is not set and has no default";
      String value = ref.malformed() ? Problems.mask(path, ref.reference()) : null;
      problems.add(new ConfigProblem(Problems.display(path), message, value, ref.line()));
    }
    return problems;
  }
}

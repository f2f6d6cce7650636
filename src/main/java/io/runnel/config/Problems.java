package io.runnel.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem of one load, masking secret values by the key they sit under. Also
 * collects the keys accepted for Sequin compatibility but ignored. Not thread-safe.
 */
final class Problems {
  private static final Set<String> SECRET_KEYS =
      Set.of(
          "password",
          "secret_access_key",
          "api_token",
          "external_id",
          "iam_external_id",
          "sslkey_password");
  private static final int MAX_VALUE_LENGTH = 200;

  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<ConfigProblem> ignored = new ArrayList<>();

  /** Reports a problem with the value of {@code node}. */
  void at(YamlNode node, String message) {
    add(node.path(), node.line(), message, node.describe());
  }

  /** Reports a problem at {@code node} without repeating its value. */
  void atKey(YamlNode node, String message) {
    add(node.path(), node.line(), message, null);
  }

  void add(String path, int line, String message, String value) {
    problems.add(new ConfigProblem(display(path), message, mask(path, value), line));
  }

  /** Records a key that is accepted for Sequin compatibility and ignored. */
  void ignored(String path, int line, String message) {
    ignored.add(new ConfigProblem(display(path), message, null, line));
  }

  int count() {
    return problems.size();
  }

  /**
   * Every problem, in line order (problems without a line first). Where an environment variable
   * problem names a path, other problems at that path are its consequence and are left out.
   */
  List<ConfigProblem> all(List<ConfigProblem> environment) {
    Set<String> envPaths = Set.copyOf(environment.stream().map(ConfigProblem::path).toList());
    List<ConfigProblem> all = new ArrayList<>(environment);
    for (ConfigProblem problem : problems) {
      if (!envPaths.contains(problem.path())) {
        all.add(problem);
      }
    }
    all.sort(Comparator.comparingInt(ConfigProblem::line));
    return all;
  }

  List<ConfigProblem> ignoredKeys() {
    return List.copyOf(ignored);
  }

  static String display(String path) {
    return path.isEmpty() ? "$" : path;
  }

  /** Masks the value when its key holds a secret, and any password inside a URL. */
  static String mask(String path, String value) {
    if (value == null) {
      return null;
    }
    if (SECRET_KEYS.contains(lastKey(path))) {
      return Secrets.mask(value);
    }
    String masked = lastKey(path).equals("url") ? maskUserInfo(value) : Secrets.maskUrl(value);
    return masked.length() <= MAX_VALUE_LENGTH
        ? masked
        : masked.substring(0, MAX_VALUE_LENGTH) + "…";
  }

  /** Masks a connection URL's user info even when the URL is malformed. */
  private static String maskUserInfo(String url) {
    String masked = Secrets.maskUrl(url);
    int at = url.lastIndexOf('@');
    if (!masked.equals(url) || at < 0) {
      return masked;
    }
    int scheme = url.indexOf("://");
    int from = scheme < 0 || scheme > at ? 0 : scheme + 3;
    return url.substring(0, from) + "****" + url.substring(at);
  }

  private static String lastKey(String path) {
    String key = path.substring(path.lastIndexOf('.') + 1);
    int bracket = key.indexOf('[');
    return bracket < 0 ? key : key.substring(0, bracket);
  }
}

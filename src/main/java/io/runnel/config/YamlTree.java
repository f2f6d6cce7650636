package io.runnel.config;

import java.io.StringReader;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Composes YAML text into a {@link YamlNode} tree (SnakeYAML's node API, which keeps line numbers)
 * and finds the config path written on a given line.
 */
final class YamlTree {
  private static final int MAX_DEPTH = 32;

  private YamlTree() {}

  /**
   * Composes a single YAML document. A syntax error becomes a problem at {@code $} with its line;
   * SnakeYAML's snippet of the offending text is left out because it may hold a secret.
   *
   * @return the root, or null after a syntax error or for an empty document
   */
  static YamlNode compose(String text, Problems problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by KeyChecker, with the path
    try {
      Node root = new Yaml(options).compose(new StringReader(text));
      return root == null ? null : YamlNode.root(root);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      String context =
          e.getContext() != null && e.getProblem() != null ? e.getContext() + ": " : "";
      int line = mark == null ? 0 : mark.getLine() + 1;
      problems.add("", line, "YAML syntax error: " + context + problem, null);
    } catch (YAMLException e) {
      problems.add("", 0, "YAML error: " + e.getMessage(), null);
    }
    return null;
  }

  /** The deepest config path whose key sits on {@code line}, or {@code ""} (the root). */
  static String pathAtLine(YamlNode root, int line) {
    if (root == null) {
      return "";
    }
    String found = find(root, line, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    return found == null ? "" : found;
  }

  private static String find(YamlNode node, int line, Set<Node> visited, int depth) {
    if (depth > MAX_DEPTH || !visited.add(node.node())) {
      return null;
    }
    String best = null;
    for (YamlNode child : children(node)) {
      String deeper = find(child, line, visited, depth + 1);
      if (deeper != null) {
        return deeper;
      }
      if (best == null && !child.isMapping() && !child.isSequence() && spans(child, line)) {
        best = child.path();
      }
    }
    return best;
  }

  /** Whether a scalar's key or text (a block scalar spans lines) is on {@code line}. */
  private static boolean spans(YamlNode scalar, int line) {
    Mark start = scalar.node().getStartMark();
    Mark end = scalar.node().getEndMark();
    if (scalar.line() == line || start == null || end == null) {
      return scalar.line() == line;
    }
    boolean endsAtLineStart = end.getColumn() == 0 && end.getLine() > start.getLine();
    int last = endsAtLineStart ? end.getLine() : end.getLine() + 1; // 1-based
    return line >= start.getLine() + 1 && line <= last;
  }

  private static Iterable<YamlNode> children(YamlNode node) {
    if (node.isSequence()) {
      return node.items();
    }
    return node.entries().stream().map(YamlNode.Entry::value).toList();
  }
}

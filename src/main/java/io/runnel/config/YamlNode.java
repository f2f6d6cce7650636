package io.runnel.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A composed YAML node with its config path ({@code sinks[0].batch_size}) and the 1-based line of
 * the key that holds it (of the item, for list items). Merge keys ({@code <<: *anchor}) are
 * expanded, explicit keys winning, as YAML specifies.
 */
record YamlNode(Node node, String path, int line) {
  private static final int MAX_DEPTH = 32;
  private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on");

  /** One key of a mapping; {@code key} is null when the key is not a plain scalar. */
  record Entry(String key, int line, YamlNode value, boolean merged) {}

  static YamlNode root(Node node) {
    return new YamlNode(node, "", lineOf(node));
  }

  static int lineOf(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  boolean isNull() {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  boolean isScalar() {
    return node instanceof ScalarNode && !isNull();
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  /** The scalar's text, or null for null and non-scalars. */
  String text() {
    return isScalar() ? ((ScalarNode) node).getValue() : null;
  }

  Tag tag() {
    return node.getTag();
  }

  /** The value as shown in problems: the scalar's text, {@code a list} or {@code a mapping}. */
  String describe() {
    return switch (node) {
      case MappingNode m -> m.getValue().isEmpty() ? "{}" : "a mapping";
      case SequenceNode s -> s.getValue().isEmpty() ? "[]" : "a list";
      case ScalarNode s -> isNull() ? "null" : s.getValue();
      default -> null;
    };
  }

  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** This mapping's entries in order, merge keys expanded; empty for non-mappings. */
  List<Entry> entries() {
    return flatten(node, 0);
  }

  private List<Entry> flatten(Node source, int depth) {
    List<Entry> entries = new ArrayList<>();
    List<Entry> merged = new ArrayList<>();
    if (!(source instanceof MappingNode mapping) || depth > MAX_DEPTH) {
      return entries;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Node valueNode = tuple.getValueNode();
      boolean mergeable = valueNode instanceof MappingNode || valueNode instanceof SequenceNode;
      if (keyNode.getTag().equals(Tag.MERGE) && mergeable) {
        List<Node> parts =
            valueNode instanceof SequenceNode list ? list.getValue() : List.of(valueNode);
        parts.forEach(part -> merged.addAll(flatten(part, depth + 1)));
        continue;
      }
      String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
      int keyLine = lineOf(keyNode);
      YamlNode value = new YamlNode(valueNode, childPath(key == null ? "?" : key), keyLine);
      entries.add(new Entry(key, keyLine, value, depth > 0));
    }
    Set<String> seen = new HashSet<>();
    entries.forEach(entry -> seen.add(entry.key()));
    for (Entry entry : merged) {
      if (seen.add(entry.key())) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** The value under {@code key}, or null when absent. */
  YamlNode get(String key) {
    for (Entry entry : entries()) {
      if (key.equals(entry.key())) {
        return entry.value();
      }
    }
    return null;
  }

  /** This sequence's items, each with its index in the path; empty for non-sequences. */
  List<YamlNode> items() {
    if (!(node instanceof SequenceNode sequence)) {
      return List.of();
    }
    List<YamlNode> items = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      items.add(new YamlNode(item, path + "[" + items.size() + "]", lineOf(item)));
    }
    return items;
  }

  /**
   * The value as plain Java: unmodifiable maps and lists, Long, Double, Boolean, String or null.
   *
   * @throws IllegalArgumentException when nested deeper than 32 levels (or recursive)
   */
  Object toPlain() {
    return toPlain(0);
  }

  private Object toPlain(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested more than " + MAX_DEPTH + " levels deep");
    }
    if (isMapping()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Entry entry : entries()) {
        map.put(entry.key(), entry.value().toPlain(depth + 1));
      }
      return Collections.unmodifiableMap(map);
    }
    if (isSequence()) {
      List<Object> list = new ArrayList<>();
      items().forEach(item -> list.add(item.toPlain(depth + 1)));
      return Collections.unmodifiableList(list);
    }
    return scalar();
  }

  private Object scalar() {
    if (isNull()) {
      return null;
    }
    String text = text();
    try {
      if (tag().equals(Tag.INT)) {
        return Long.valueOf(text.replace("_", ""));
      }
      if (tag().equals(Tag.FLOAT)) {
        return Double.valueOf(text.replace("_", ""));
      }
    } catch (NumberFormatException e) {
      return text; // YAML 1.1 forms such as 0x1F or 1:30 stay text
    }
    if (tag().equals(Tag.BOOL)) {
      return TRUE_WORDS.contains(text.toLowerCase(Locale.ROOT));
    }
    return text;
  }
}

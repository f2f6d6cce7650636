package io.runnel.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Typed access to the fields of one YAML mapping. Each getter reports a wrong type or value to
 * {@link Problems} and then returns null, so a section reads every field before it gives up.
 * Numbers and booleans may be quoted ({@code port: "${DB_PORT}"}), as Sequin recommends for
 * environment references; YAML's {@code yes}/{@code on} are not booleans here.
 */
final class Fields {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");

  private final YamlNode map;
  private final Problems problems;
  private final boolean ok;

  private Fields(YamlNode map, Problems problems, boolean ok) {
    this.map = map;
    this.problems = problems;
    this.ok = ok;
  }

  /** Checks that {@code node} is a mapping with only allowed keys. */
  static Fields of(YamlNode node, KeyChecker.Keys keys, Problems problems) {
    if (!node.isMapping()) {
      problems.at(node, "must be a mapping");
      return new Fields(node, problems, false);
    }
    KeyChecker.check(node, keys, problems);
    return new Fields(node, problems, true);
  }

  /** Whether the node is a mapping (otherwise every getter returns null or its default). */
  boolean ok() {
    return ok;
  }

  YamlNode node() {
    return map;
  }

  Problems problems() {
    return problems;
  }

  /** The value under {@code key}; null when absent or YAML null. */
  YamlNode get(String key) {
    YamlNode value = ok ? map.get(key) : null;
    return value == null || value.isNull() ? null : value;
  }

  boolean has(String key) {
    return get(key) != null;
  }

  /** Reports a problem for an absent field, at the line of this mapping. */
  void missing(String key, String message) {
    problems.add(map.childPath(key), map.path().isEmpty() ? 0 : map.line(), message, null);
  }

  /** Reports a problem with the value of a present field. */
  void problem(String key, String message) {
    problems.at(get(key), message);
  }

  /** The scalar's text without checking or reporting anything; null when absent or not a scalar. */
  String peek(String key) {
    YamlNode value = get(key);
    return value == null ? null : value.text();
  }

  /** A scalar as text (numbers and booleans too), or null. */
  String string(String key) {
    YamlNode value = get(key);
    if (value == null) {
      return null;
    }
    if (!value.isScalar()) {
      problems.at(value, "must be a string");
      return null;
    }
    return value.text();
  }

  /** A string that must not be blank when given, or null. */
  String text(String key) {
    String text = string(key);
    if (text != null && text.isBlank()) {
      problem(key, "must not be empty");
      return null;
    }
    return text;
  }

  /** A non-blank string that must be given. */
  String required(String key) {
    if (ok && get(key) == null) {
      missing(key, "required");
      return null;
    }
    return text(key);
  }

  /** An integer in [min, max], the default when absent, or null when invalid. */
  Long integer(String key, Long absent, long min, long max, String rangeMessage) {
    YamlNode value = get(key);
    if (value == null) {
      return absent;
    }
    String text = value.isScalar() ? value.text().trim() : null;
    if (text == null || !INTEGER.matcher(text).matches()) {
      problems.at(value, "must be an integer");
      return null;
    }
    long number = Long.parseLong(text);
    if (number < min || number > max) {
      problems.at(value, rangeMessage);
      return null;
    }
    return number;
  }

  Integer intIn(String key, Integer absent, int min, int max, String rangeMessage) {
    Long number = integer(key, absent == null ? null : absent.longValue(), min, max, rangeMessage);
    return number == null ? null : number.intValue();
  }

  /** true or false (any case), the default when absent, or null when invalid. */
  Boolean bool(String key, boolean absent) {
    YamlNode value = get(key);
    if (value == null) {
      return absent;
    }
    String text = value.isScalar() ? value.text().trim().toLowerCase(Locale.ROOT) : "";
    if (!text.equals("true") && !text.equals("false")) {
      problems.at(value, "must be true or false");
      return null;
    }
    return text.equals("true");
  }

  /** One of the enum's constants, written in lower case; the default when absent. */
  <E extends Enum<E>> E choice(String key, E[] values, E absent) {
    String text = string(key);
    if (text == null) {
      return get(key) == null ? absent : null;
    }
    for (E value : values) {
      if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
        return value;
      }
    }
    problem(key, "must be one of " + names(values));
    return null;
  }

  static <E extends Enum<E>> String names(E[] values) {
    return String.join(
        ", ", Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
  }

  /** The items of a list, or null when absent or not a list. */
  List<YamlNode> list(String key) {
    YamlNode value = get(key);
    if (value == null) {
      return null;
    }
    if (!value.isSequence()) {
      problems.at(value, "must be a list");
      return null;
    }
    return value.items();
  }

  /** A list of non-blank strings, or null when absent or invalid. */
  List<String> strings(String key) {
    List<YamlNode> items = list(key);
    if (items == null) {
      return null;
    }
    List<String> strings = new ArrayList<>();
    boolean valid = true;
    for (YamlNode item : items) {
      if (!item.isScalar() || item.text().isBlank()) {
        problems.at(item, "must be a non-empty string");
        valid = false;
      } else {
        strings.add(item.text());
      }
    }
    return valid ? strings : null;
  }
}

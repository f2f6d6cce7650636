package io.runnel.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names of databases, functions and sinks: required, unique within their list, and safe in URLs
 * ({@code /api/sinks/{name}}), metric labels and log lines.
 */
final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private Names() {}

  /** Reads the required {@code name} of an item. */
  static String read(Fields item) {
    String name = item.required("name");
    if (name != null && !NAME.matcher(name).matches()) {
      item.problem("name", "may contain only letters, digits, '_', '-' and '.' (at most 128)");
      return null;
    }
    return name;
  }

  /** Reports every item whose name an earlier item already has. */
  static void unique(YamlNode list, String kind, Problems problems) {
    Map<String, String> firstPath = new LinkedHashMap<>();
    for (YamlNode item : list.items()) {
      YamlNode name = item.isMapping() ? item.get("name") : null;
      if (name == null || !name.isScalar()) {
        continue;
      }
      String earlier = firstPath.putIfAbsent(name.text(), item.path());
      if (earlier != null) {
        problems.at(name, "duplicate " + kind + " name, also used by " + earlier);
      }
    }
  }

  /** The names the items declare, in order, whether or not the items are otherwise valid. */
  static List<String> declared(YamlNode list) {
    List<String> names = new ArrayList<>();
    if (list == null) {
      return names;
    }
    for (YamlNode item : list.items()) {
      YamlNode name = item.isMapping() ? item.get("name") : null;
      if (name != null && name.isScalar()) {
        names.add(name.text());
      }
    }
    return names;
  }
}

package io.runnel.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names sinks may refer to, taken from the YAML as written (even from invalid entries, so one
 * broken database does not also fail every sink that names it).
 *
 * @param databases declared database names, in order
 * @param functionTypes declared function names and their {@code type:} text (null when missing)
 */
record Refs(List<String> databases, Map<String, String> functionTypes) {

  static Refs scan(YamlNode root) {
    Map<String, String> types = new LinkedHashMap<>();
    YamlNode functions = root.get("functions");
    if (functions != null) {
      for (YamlNode item : functions.items()) {
        YamlNode name = item.isMapping() ? item.get("name") : null;
        if (name != null && name.isScalar()) {
          YamlNode type = item.get("type");
          types.putIfAbsent(name.text(), type == null ? null : type.text());
        }
      }
    }
    return new Refs(Names.declared(root.get("databases")), types);
  }
}

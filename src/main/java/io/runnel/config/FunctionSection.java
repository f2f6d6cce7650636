package io.runnel.config;

import io.runnel.config.FunctionConfig.FunctionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code functions:}. Functions are CEL expressions (DESIGN.md §6); Sequin's Elixir {@code
 * code:} is rejected with the CEL equivalent where one can be derived. A function that has both
 * keeps its {@code expression:} and the leftover {@code code:} is reported as ignored.
 */
final class FunctionSection {
  static final KeyChecker.Keys KEYS =
      KeyChecker.Keys.of(
          "name", "description", "type", "sink_type", "expression", "code", "file", "path");

  private FunctionSection() {}

  /** The functions, aligned with the YAML items (null for an invalid item); empty when absent. */
  static List<FunctionConfig> read(YamlNode node, Problems problems) {
    List<FunctionConfig> functions = new ArrayList<>();
    if (node == null || node.isNull()) {
      return functions;
    }
    if (!node.isSequence()) {
      problems.at(node, "must be a list");
      return functions;
    }
    for (YamlNode item : node.items()) {
      functions.add(one(item, problems));
    }
    Names.unique(node, "function", problems);
    return functions;
  }

  private static FunctionConfig one(YamlNode item, Problems problems) {
    int before = problems.count();
    Fields fields = Fields.of(item, KEYS, problems);
    if (!fields.ok()) {
      return null;
    }
    String name = Names.read(fields);
    fields.string("description");
    FunctionType type = type(fields);
    String sinkType = sinkType(fields, type);
    String expression = expression(fields, type);
    if (problems.count() > before) {
      return null;
    }
    return new FunctionConfig(name, type, sinkType, expression);
  }

  private static FunctionType type(Fields fields) {
    String text = fields.string("type");
    if (text == null) {
      if (fields.get("type") == null) {
        fields.missing("type", "required (routing, filter or transform)");
      }
      return null;
    }
    if (text.equals("path")) {
      String path = fields.peek("path");
      fields.problem(
          "type",
          "Sequin path functions are not supported; write type: transform with "
              + "expression: '"
              + (path == null ? "record" : path)
              + "'");
      return null;
    }
    for (FunctionType type : FunctionType.values()) {
      if (type.name().toLowerCase(Locale.ROOT).equals(text)) {
        return type;
      }
    }
    fields.problem(
        "type",
        text.equals("enrichment")
            ? "Sequin enrichment functions are not supported (must be routing, filter or transform)"
            : "must be one of routing, filter, transform");
    return null;
  }

  private static String sinkType(Fields fields, FunctionType type) {
    String sinkType = fields.text("sink_type");
    if (sinkType == null) {
      return type == FunctionType.ROUTING ? "sqs" : null;
    }
    if (type != null && type != FunctionType.ROUTING) {
      fields.problem("sink_type", "only applies to routing functions");
    } else if (!sinkType.equals("sqs")) {
      fields.problem("sink_type", "must be sqs (Runnel routes only to SQS)");
    }
    return sinkType;
  }

  private static String expression(Fields fields, FunctionType type) {
    String code = fields.string("code");
    boolean pathFunction = "path".equals(fields.peek("type"));
    if (fields.has("path") && !pathFunction) {
      fields.problem(
          "path",
          "only Sequin path functions have a path, and Runnel does not "
              + "support them; write expression: '"
              + fields.peek("path")
              + "' instead");
    }
    if (fields.has("expression")) {
      for (String elixir : new String[] {"code", "file"}) {
        if (fields.has(elixir) && !fields.get(elixir).isNull()) {
          YamlNode node = fields.get(elixir);
          fields
              .problems()
              .ignored(
                  node.path(),
                  node.line(),
                  "Elixir " + elixir + " is ignored; the CEL expression is used");
        }
      }
      return fields.text("expression");
    }
    String typeName = type == null ? null : type.name().toLowerCase(Locale.ROOT);
    if (code != null) {
      fields.problems().atKey(fields.get("code"), ElixirHints.message(typeName, code));
    } else if (fields.has("file")) {
      fields
          .problems()
          .atKey(
              fields.get("file"),
              "function files hold Elixir, which can't run in Runnel; write a CEL expression:"
                  + " instead");
    } else if (!pathFunction) {
      fields.missing(
          "expression", "required (a CEL expression over action, record, changes and metadata)");
    }
    return null;
  }
}

package io.runnel.config;

import io.runnel.config.SinkConfig.SinkStatus;
import io.runnel.decode.Action;
import io.runnel.message.TimestampFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code sinks:}: each sink's options, its tables and its destination. */
final class SinkSection {
  private static final Set<Action> ALL_ACTIONS =
      EnumSet.of(Action.INSERT, Action.UPDATE, Action.DELETE);
  static final KeyChecker.Keys KEYS =
      KeyChecker.Keys.of(
              "name",
              "database",
              "table",
              "tables",
              "source",
              "status",
              "actions",
              "batch_size",
              "message_grouping",
              "max_retry_count",
              "timestamp_format",
              "filter",
              "transform",
              "routing",
              "enrichment",
              "annotations",
              "destination")
          .rejecting(
              "filters",
              "Sequin's column filters are not supported; "
                  + "write a filter function (a CEL expression) and name it in filter:")
          .rejecting(
              "group_column_names",
              "set it per table instead: tables: [{name: …, group_column_names: […]}]")
          .rejecting("schema", "use source: {include_schemas: [<schema>]} instead");

  private static final String BATCH_SIZE_RANGE = "must be between 1 and 10 for SQS";
  private static final String MAX_RETRY_RANGE = "must be 0 or more (null retries forever)";

  private SinkSection() {}

  /** The sinks, aligned with the YAML items (null for an invalid item). */
  static List<SinkConfig> read(YamlNode node, Refs refs, Problems problems) {
    List<SinkConfig> sinks = new ArrayList<>();
    if (node == null || node.isNull() || (node.isSequence() && node.items().isEmpty())) {
      problems.add("sinks", node == null ? 0 : node.line(), "at least one sink is required", null);
      return sinks;
    }
    if (!node.isSequence()) {
      problems.at(node, "must be a list");
      return sinks;
    }
    for (YamlNode item : node.items()) {
      sinks.add(one(item, refs, problems));
    }
    Names.unique(node, "sink", problems);
    return sinks;
  }

  private static SinkConfig one(YamlNode item, Refs refs, Problems problems) {
    int before = problems.count();
    Fields fields = Fields.of(item, KEYS, problems);
    if (!fields.ok()) {
      return null;
    }
    String name = Names.read(fields);
    String database = database(fields, refs);
    Delivery delivery = delivery(fields);
    String filter = function(fields, "filter", refs);
    String transform = function(fields, "transform", refs);
    String routing = function(fields, "routing", refs);
    enrichment(fields);
    Map<String, Object> annotations = annotations(fields);
    boolean grouping = !Boolean.FALSE.equals(delivery.grouping());
    TableSection.Selection selection = TableSection.read(fields, grouping);
    SqsDestination destination = DestinationSection.read(fields, routing != null);
    if (problems.count() > before) {
      return null;
    }
    return new SinkConfig(
        name,
        database,
        delivery.status(),
        selection.tables(),
        selection.source(),
        delivery.actions(),
        delivery.batchSize(),
        grouping,
        delivery.maxRetries(),
        delivery.timestamps(),
        filter,
        transform,
        routing,
        annotations,
        destination);
  }

  /** How a sink delivers; a component is null when its value was invalid. */
  private record Delivery(
      SinkStatus status,
      Set<Action> actions,
      Integer batchSize,
      Boolean grouping,
      Integer maxRetries,
      TimestampFormat timestamps) {}

  private static Delivery delivery(Fields fields) {
    SinkStatus status = fields.choice("status", SinkStatus.values(), SinkStatus.ACTIVE);
    Set<Action> actions = actions(fields);
    Integer batchSize =
        fields.intIn("batch_size", SinkConfig.DEFAULT_BATCH_SIZE, 1, 10, BATCH_SIZE_RANGE);
    Boolean grouping = fields.bool("message_grouping", true);
    Integer maxRetries =
        fields.intIn("max_retry_count", null, 0, Integer.MAX_VALUE, MAX_RETRY_RANGE);
    TimestampFormat timestamps =
        fields.choice("timestamp_format", TimestampFormat.values(), TimestampFormat.ISO8601);
    return new Delivery(status, actions, batchSize, grouping, maxRetries, timestamps);
  }

  private static String database(Fields fields, Refs refs) {
    List<String> names = refs.databases();
    String database = fields.text("database");
    if (database == null) {
      if (names.size() > 1 && fields.get("database") == null) {
        fields.missing(
            "database",
            "required when several databases are configured (" + KeyChecker.list(names) + ")");
      }
      return names.size() == 1 ? names.get(0) : null;
    }
    if (!names.isEmpty() && !names.contains(database)) {
      fields.problem("database", "no such database" + hint(database, names));
    }
    return database;
  }

  private static Set<Action> actions(Fields fields) {
    List<YamlNode> items = fields.list("actions");
    if (items == null) {
      return fields.get("actions") == null ? ALL_ACTIONS : null;
    }
    if (items.isEmpty()) {
      fields.problem("actions", "must list at least one of insert, update, delete");
      return null;
    }
    Set<Action> actions = EnumSet.noneOf(Action.class);
    for (YamlNode item : items) {
      String text = item.isScalar() ? item.text() : "";
      if (!text.equals("insert") && !text.equals("update") && !text.equals("delete")) {
        fields.problems().at(item, "must be one of insert, update, delete");
        return null;
      }
      actions.add(Action.fromWireName(text));
    }
    return actions;
  }

  /** A function reference: a name, or null for {@code none} or absent. */
  private static String function(Fields fields, String key, Refs refs) {
    String name = fields.text(key);
    if (name == null || name.equals("none")) {
      return null;
    }
    Map<String, String> types = refs.functionTypes();
    if (!types.containsKey(name)) {
      fields.problem(key, "no such function" + hint(name, types.keySet()));
    } else if (types.get(name) != null
        && !types.get(name).equals(key)
        && List.of("routing", "filter", "transform").contains(types.get(name))) {
      fields.problem(
          key,
          "must name a "
              + key
              + " function, but "
              + name
              + " is a "
              + types.get(name)
              + " function");
    }
    return name;
  }

  private static void enrichment(Fields fields) {
    String enrichment = fields.string("enrichment");
    if (enrichment != null && !enrichment.equals("none")) {
      fields.problem(
          "enrichment",
          "Sequin enrichment functions are not supported " + "(leave it out or set it to none)");
    }
  }

  private static Map<String, Object> annotations(Fields fields) {
    YamlNode node = fields.get("annotations");
    if (node == null) {
      return Map.of();
    }
    if (!node.isMapping()) {
      fields.problem("annotations", "must be a mapping");
      return null;
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) node.toPlain();
      return map;
    } catch (IllegalArgumentException e) {
      fields.problem("annotations", e.getMessage());
      return null;
    }
  }

  private static String hint(String name, Collection<String> known) {
    String suggestion = KeyChecker.suggest(name, known);
    return suggestion != null
        ? " (did you mean " + suggestion + "?)"
        : " (defined: " + KeyChecker.list(known) + ")";
  }
}

package io.runnel.decode;

import java.util.Objects;

/** A table's schema-qualified name, unquoted (as stored in the catalog). Immutable. */
public record TableId(String schema, String name) {
  public TableId {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Parses {@code schema.table} or {@code table} (schema {@code public}). Double-quoted parts keep
   * their case and may contain dots; unquoted parts are folded to lower case, as PostgreSQL does.
   */
  public static TableId parse(String text) {
    java.util.List<String> parts = QualifiedName.split(text);
    return switch (parts.size()) {
      case 1 -> new TableId("public", parts.get(0));
      case 2 -> new TableId(parts.get(0), parts.get(1));
      default ->
          throw new IllegalArgumentException("not a table name (expected schema.table): " + text);
    };
  }

  /** The name quoted for use in SQL. */
  public String quoted() {
    return quote(schema) + "." + quote(name);
  }

  /** {@code identifier} as a quoted SQL identifier (any name: a role, a database, a schema). */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public String toString() {
    return schema + "." + name;
  }
}

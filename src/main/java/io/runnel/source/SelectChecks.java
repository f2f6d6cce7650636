package io.runnel.source;

import io.runnel.config.CheckResult;
import io.runnel.config.DatabaseConfig;
import io.runnel.decode.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code validate --connect}: {@code SELECT} on each table a sink may backfill — the tables it
 * names, and for a sink that streams every table (or whole schemas) the publication's tables it
 * streams. Streaming needs no {@code SELECT}, so a missing one is a warning: only backfills of that
 * table fail. Tables that do not exist are left to {@link PublicationChecks}. Read-only; one
 * instance per database check, not thread-safe.
 */
final class SelectChecks {
  /** The user's privileges on a table and on its schema. */
  private record Access(boolean usage, boolean select) {
    boolean readable() {
      return usage && select;
    }
  }

  private static final String ACCESS =
      "has_schema_privilege(n.oid, 'USAGE'), has_table_privilege(c.oid, 'SELECT')";
  private final DatabaseConfig db;
  private final List<PublicationChecks.IndexedSink> sinks;
  private final List<CheckResult> results;

  SelectChecks(
      DatabaseConfig db, List<PublicationChecks.IndexedSink> sinks, List<CheckResult> results) {
    this.db = db;
    this.sinks = sinks;
    this.results = results;
  }

  void run(Connection connection) throws SQLException {
    Map<TableId, Access> published = published(connection);
    Set<TableId> warned = new HashSet<>();
    for (PublicationChecks.IndexedSink sink : sinks) {
      for (TableId table : backfillable(sink, published)) {
        Access access =
            published.containsKey(table) ? published.get(table) : access(connection, table);
        if (access != null && !access.readable() && warned.add(table)) {
          warn(sink, table, access);
        }
      }
    }
  }

  /** The tables {@code sink} may backfill, in the order named, then the publication's. */
  private static Set<TableId> backfillable(
      PublicationChecks.IndexedSink sink, Map<TableId, Access> published) {
    Set<TableId> tables = sink.namedTables();
    if (!sink.sink().hasTableList()) {
      published.keySet().stream().filter(sink.sink()::streams).forEach(tables::add);
    }
    return tables;
  }

  /** The publication's tables (none while it is missing), each with whether it may be read. */
  private Map<TableId, Access> published(Connection connection) throws SQLException {
    String sql =
        "SELECT p.schemaname, p.tablename, "
            + ACCESS
            + " FROM pg_publication_tables p JOIN pg_namespace n ON n.nspname = p.schemaname"
            + " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = p.tablename"
            + " WHERE p.pubname = ? ORDER BY 1, 2";
    Map<TableId, Access> tables = new LinkedHashMap<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, db.publicationName());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.put(
              new TableId(rows.getString(1), rows.getString(2)),
              new Access(rows.getBoolean(3), rows.getBoolean(4)));
        }
      }
    }
    return tables;
  }

  /** The user's privileges on {@code table}; null when it does not exist. */
  private static Access access(Connection connection, TableId table) throws SQLException {
    String sql =
        "SELECT "
            + ACCESS
            + " FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, table.schema());
      query.setString(2, table.name());
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? new Access(row.getBoolean(1), row.getBoolean(2)) : null;
      }
    }
  }

  private void warn(PublicationChecks.IndexedSink sink, TableId table, Access access) {
    String role = TableId.quote(db.username());
    String usage =
        access.usage()
            ? ""
            : " GRANT USAGE ON SCHEMA " + TableId.quote(table.schema()) + " TO " + role + ";";
    String select =
        access.select() ? "" : " GRANT SELECT ON " + table.quoted() + " TO " + role + ";";
    results.add(
        CheckResult.warning(
            sink.path(),
            "user "
                + db.username()
                + " may not SELECT from table "
                + table
                + " in database \""
                + db.database()
                + "\", so a backfill of it would fail (streaming its changes does not need it):"
                + " run"
                + usage
                + select));
  }
}

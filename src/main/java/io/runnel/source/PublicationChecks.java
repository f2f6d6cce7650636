package io.runnel.source;

import io.runnel.config.CheckResult;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.SinkConfig;
import io.runnel.config.SourceFilter;
import io.runnel.decode.Action;
import io.runnel.decode.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The publication and table half of {@link SourceChecks}: the publication exists (or Runnel may
 * create it) and covers every table a sink names; each table exists, with warnings where its key or
 * replica identity limits the messages. Read-only; one instance per database check.
 */
final class PublicationChecks {
  /** A sink with its YAML path, {@code sinks[N]}. */
  record IndexedSink(String path, SinkConfig sink) {
    /**
     * The tables the sink names: {@code table}/{@code tables} and {@code source.include_tables}.
     */
    Set<TableId> namedTables() {
      Set<TableId> tables = new LinkedHashSet<>();
      sink.tables().forEach(t -> tables.add(t.table()));
      tables.addAll(sink.source().includeTables());
      return tables;
    }

    boolean wantsOldRows() {
      return sink.actions().contains(Action.UPDATE) || sink.actions().contains(Action.DELETE);
    }
  }

  /** What the catalog says about one table. */
  private record TableInfo(char kind, boolean primaryKey, char replicaIdentity) {}

  private final DatabaseConfig db;
  private final String path;
  private final List<IndexedSink> sinks;
  private final boolean superuser;
  private final List<CheckResult> results;

  PublicationChecks(
      DatabaseConfig db,
      String path,
      List<IndexedSink> sinks,
      boolean superuser,
      List<CheckResult> results) {
    this.db = db;
    this.path = path;
    this.sinks = sinks;
    this.superuser = superuser;
    this.results = results;
  }

  void run(Connection connection) throws SQLException {
    publication(connection);
    for (IndexedSink sink : sinks) {
      for (TableId table : sink.namedTables()) {
        table(connection, sink, table);
      }
    }
  }

  private void publication(Connection connection) throws SQLException {
    String sql = "SELECT puballtables FROM pg_publication WHERE pubname = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, db.publicationName());
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          missingPublication();
        } else if (!row.getBoolean(1)) {
          coverage(published(connection));
        }
      }
    }
  }

  private void missingPublication() {
    List<TableId> tables = publishedTables();
    String create = ReplicationSetup.createPublication(db.publicationName(), tables) + ";";
    String publication = "publication \"" + db.publicationName() + "\"";
    if (!db.createPublication()) {
      results.add(
          CheckResult.error(
              path + ".publication",
              publication
                  + " does not exist: create it with "
                  + create
                  + " or set publication.create_if_not_exists: true"));
    } else if (tables.isEmpty() && !superuser) {
      results.add(
          CheckResult.error(
              path + ".publication",
              publication
                  + " does not exist, and creating it FOR ALL TABLES needs a superuser: have"
                  + " one run "
                  + create
                  + " or name the tables in the sinks"));
    }
  }

  /** The tables a publication Runnel creates holds (empty: all), as DatabasePipeline decides. */
  private List<TableId> publishedTables() {
    return SourceFilter.publishedTables(sinks.stream().map(i -> i.sink().source()).toList());
  }

  private Set<TableId> published(Connection connection) throws SQLException {
    String sql = "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ?";
    Set<TableId> tables = new HashSet<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, db.publicationName());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.add(new TableId(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return tables;
  }

  private void coverage(Set<TableId> published) {
    for (IndexedSink sink : sinks) {
      for (TableId table : sink.namedTables()) {
        if (!published.contains(table)) {
          results.add(
              CheckResult.error(
                  sink.path(),
                  "table "
                      + table
                      + " is not in publication \""
                      + db.publicationName()
                      + "\" of database "
                      + db.name()
                      + ", so none of its changes would arrive: run ALTER PUBLICATION "
                      + TableId.quote(db.publicationName())
                      + " ADD TABLE "
                      + table.quoted()
                      + ";"));
        }
      }
    }
  }

  private void table(Connection connection, IndexedSink sink, TableId table) throws SQLException {
    TableInfo info = tableInfo(connection, table);
    String prefix = "table " + table + " ";
    if (info == null) {
      results.add(
          CheckResult.error(
              sink.path(),
              prefix
                  + "does not exist in database \""
                  + db.database()
                  + "\": create it, or fix the name (unquoted names are folded to lower case)"));
    } else if (info.kind() != 'r' && info.kind() != 'p') {
      results.add(
          CheckResult.error(
              sink.path(),
              prefix
                  + "is not a table (relkind "
                  + info.kind()
                  + "): only tables"
                  + " are replicated"));
    } else {
      keyWarnings(sink, table, info);
    }
  }

  private void keyWarnings(IndexedSink sink, TableId table, TableInfo info) {
    String prefix = "table " + table + " ";
    String full = "ALTER TABLE " + table.quoted() + " REPLICA IDENTITY FULL;";
    boolean grouped = !sink.sink().groupColumnNames(table).isEmpty();
    if (!info.primaryKey() && !grouped) {
      results.add(
          CheckResult.warning(
              sink.path(),
              prefix
                  + "has no primary key: its messages get no group key, so their group id is"
                  + " the deduplication id and changes of one row are not ordered (DESIGN §4);"
                  + " add a primary key or set group_column_names"));
    }
    if (!sink.wantsOldRows()) {
      return;
    }
    if ((!info.primaryKey() && info.replicaIdentity() == 'd') || info.replicaIdentity() == 'n') {
      results.add(
          CheckResult.warning(
              sink.path(),
              prefix
                  + "has no replica identity: PostgreSQL rejects its UPDATEs and DELETEs while a"
                  + " publication that publishes them includes it; run "
                  + full));
    } else if (info.replicaIdentity() != 'f') {
      results.add(
          CheckResult.warning(
              sink.path(),
              prefix
                  + "has replica identity "
                  + (info.replicaIdentity() == 'i' ? "USING INDEX" : "DEFAULT")
                  + ": deletes carry only key columns and updates have changes {}; for whole"
                  + " old rows run "
                  + full));
    }
  }

  private static TableInfo tableInfo(Connection connection, TableId table) throws SQLException {
    String sql =
        "SELECT c.relkind, c.relreplident, EXISTS (SELECT 1 FROM pg_index i"
            + " WHERE i.indrelid = c.oid AND i.indisprimary)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, table.schema());
      query.setString(2, table.name());
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        return new TableInfo(
            row.getString(1).charAt(0), row.getBoolean(3), row.getString(2).charAt(0));
      }
    }
  }
}

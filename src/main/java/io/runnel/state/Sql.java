package io.runnel.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement prepared, bound, executed and read, so each state-store operation reads as its SQL
 * and its binding. Failures pass to the caller, which names the operation. Stateless.
 */
final class Sql {
  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binding {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads the current row of a result. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  private Sql() {}

  /**
   * Binds {@code values} in order as {@link PreparedStatement#setObject} does (a String as {@code
   * setString}, an Integer as {@code setInt}, …); a null is a null text, as {@code setString(i,
   * null)} binds it.
   */
  static Binding values(Object... values) {
    return statement -> {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          statement.setNull(i + 1, Types.VARCHAR);
        } else {
          statement.setObject(i + 1, values[i]);
        }
      }
    };
  }

  /** Executes an INSERT, UPDATE or DELETE; the number of rows it changed. */
  static int update(Connection connection, String sql, Binding binding) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binding.bind(statement);
      return statement.executeUpdate();
    }
  }

  /** Executes a query; each result row as {@code row} reads it. */
  static <T> List<T> rows(Connection connection, String sql, Binding binding, Row<T> row)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binding.bind(statement);
      List<T> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(row.read(result));
        }
      }
      return rows;
    }
  }
}

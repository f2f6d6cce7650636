package io.runnel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.demo.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The state schema's privileges as docs/operations.md states them: a user without {@code CREATE} on
 * the database cannot create schema runnel, but works in one an administrator created for it.
 */
class MigrationsIT {
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
    admin("postgres", "CREATE DATABASE app");
    admin(
        "app",
        "CREATE ROLE runnel_user LOGIN PASSWORD 'secret'",
        "REVOKE CREATE ON DATABASE app FROM PUBLIC",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void preCreatedSchemaNeedsNoCreateOnTheDatabase() throws Exception {
    try (Connection user = connectAsUser()) {
      assertThatThrownBy(() -> Migrations.apply(user))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied for database app");
    }

    admin("app", "CREATE SCHEMA runnel AUTHORIZATION runnel_user");
    try (Connection user = connectAsUser()) {
      Migrations.apply(user);
      Migrations.apply(user); // a restart finds everything applied
      try (Statement sql = user.createStatement();
          ResultSet rows = sql.executeQuery("SELECT max(version) FROM runnel.schema_version")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(4);
      }
    }
  }

  private static Connection connectAsUser() throws SQLException {
    return DriverManager.getConnection(url("app"), "runnel_user", "secret");
  }

  private static String url(String database) {
    return "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + database;
  }

  private static void admin(String database, String... statements) throws SQLException {
    try (Connection admin =
            DriverManager.getConnection(url(database), postgres.user(), postgres.password());
        Statement sql = admin.createStatement()) {
      for (String statement : statements) {
        sql.execute(statement);
      }
    }
  }
}

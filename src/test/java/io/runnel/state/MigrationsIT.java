package io.runnel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.it.RealServers;
import io.runnel.it.Servers;
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
@RealServers
class MigrationsIT {
  private static Servers servers;

  @BeforeAll
  static void roles() throws Exception {
    servers.sql(
        "CREATE ROLE migrations_user LOGIN PASSWORD 'secret'",
        "REVOKE CREATE ON DATABASE " + servers.postgres.name() + " FROM PUBLIC",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
  }

  /** Roles outlive the class's database on the shared server: drop what the role owns, then it. */
  @AfterAll
  static void dropRole() throws Exception {
    servers.sql("DROP OWNED BY migrations_user", "DROP ROLE migrations_user");
  }

  @Test
  void preCreatedSchemaNeedsNoCreateOnTheDatabase() throws Exception {
    try (Connection user = connectAsUser()) {
      assertThatThrownBy(() -> Migrations.apply(user))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied for database " + servers.postgres.name());
    }

    servers.sql("CREATE SCHEMA runnel AUTHORIZATION migrations_user");
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
    String url =
        "jdbc:postgresql://%s:%d/%s"
            .formatted(servers.postgres.host(), servers.postgres.port(), servers.postgres.name());
    return DriverManager.getConnection(url, "migrations_user", "secret");
  }
}

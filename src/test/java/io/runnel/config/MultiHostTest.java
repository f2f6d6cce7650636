package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Several hosts in a database's config: pgjdbc connects to whichever of them is the primary. */
class MultiHostTest {

  private static DatabaseConfig parse(String connection) {
    String yaml =
        """
        databases:
          - name: db
            %s
            slot_name: s1
            publication_name: p1
        """
                .formatted(connection)
            + Configs.SINK;
    return Configs.parse(yaml).databases().get(0);
  }

  @Test
  void hostnameListGetsThePortAndTargetsThePrimary() {
    DatabaseConfig db = parse("hostname: \"pg-a,pg-b\"\n    database: orders\n    port: 6432");

    assertThat(db.jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://pg-a:6432,pg-b:6432/orders?sslmode=disable"
                + "&targetServerType=primary");
  }

  @Test
  void urlWithSeveralHostsAndTargetSessionAttrs() {
    DatabaseConfig db =
        parse(
            "url: \"postgresql://u:secret@pg-a:5433,pg-b/orders"
                + "?target_session_attrs=read-write&sslmode=require\"");

    assertThat(db.hostname()).isEqualTo("pg-a:5433,pg-b");
    assertThat(db.username()).isEqualTo("u");
    assertThat(db.password()).isEqualTo("secret");
    assertThat(db.jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://pg-a:5433,pg-b:5432/orders?sslmode=require"
                + "&targetServerType=primary");
  }

  @Test
  void oneHostKeepsTheSimpleUrl() {
    DatabaseConfig db = parse("url: \"postgresql://u@pg-a:5433/orders\"");

    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://pg-a:5433/orders?sslmode=disable");
  }

  @Test
  void targetSessionAttrsOtherThanThePrimaryAreRejected() {
    String yaml =
        """
        databases:
          - name: db
            url: "postgresql://u:secret@pg-a,pg-b/orders?target_session_attrs=any"
            slot_name: s1
            publication_name: p1
        """
            + Configs.SINK;

    assertThat(Configs.rendered(yaml))
        .containsExactly(
            "databases[0].url: target_session_attrs must be read-write or primary (Runnel needs"
                + " the primary) (was: postgresql://u:****@pg-a,pg-b/orders"
                + "?target_session_attrs=any) [line 3]");
  }

  @Test
  void aBadPortInTheHostListNamesIt() {
    String yaml =
        """
        databases:
          - name: db
            url: "postgresql://pg-a:5432,pg-b:0/orders"
            slot_name: s1
            publication_name: p1
        """
            + Configs.SINK;

    assertThat(Configs.rendered(yaml))
        .containsExactly(
            "databases[0].url: port must be between 1 and 65535"
                + " (was: postgresql://pg-a:5432,pg-b:0/orders) [line 3]");
  }
}

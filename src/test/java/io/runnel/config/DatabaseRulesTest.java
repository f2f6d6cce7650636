package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** databases: connection forms, slot and publication, and each rejection. */
class DatabaseRulesTest {

  private static String databases(String items) {
    return "databases:\n" + items + Configs.SINK;
  }

  @Test
  void splitFormGetsDefaults() {
    DatabaseConfig db = Configs.parse(Configs.sink("")).databases().get(0);

    assertThat(db)
        .isEqualTo(
            new DatabaseConfig(
                "db",
                "localhost",
                5432,
                "postgres",
                "postgres",
                null,
                DatabaseTls.DISABLED,
                "runnel_slot",
                false,
                "runnel_pub",
                false,
                60_000));
  }

  @Test
  void urlFormIsSplitIntoFields() {
    DatabaseConfig db =
        Configs.parse(
                databases(
                    """
                      - name: db
                        url: "postgresql://app%40corp:p%40ss:word@db.example.com:6432/orders?sslmode=require"
                        slot: {name: s1, create_if_not_exists: true}
                        publication: {name: p1}
                        heartbeat_interval_ms: 0
                    """))
            .databases()
            .get(0);

    assertThat(db)
        .isEqualTo(
            new DatabaseConfig(
                "db",
                "db.example.com",
                6432,
                "orders",
                "app@corp",
                DatabaseAuth.password("p@ss:word"),
                DatabaseTls.REQUIRED,
                "s1",
                true,
                "p1",
                false,
                0));
  }

  @Test
  void urlWithoutPortOrUserUsesTheDefaults() {
    DatabaseConfig db =
        Configs.parse(
                databases(
                    """
                      - name: db
                        url: postgres://localhost/postgres
                        ssl: true
                        slot_name: s1
                        publication_name: p1
                    """))
            .databases()
            .get(0);

    assertThat(db.port()).isEqualTo(5432);
    assertThat(db.username()).isEqualTo("postgres");
    assertThat(db.password()).isNull();
    assertThat(db.tls()).isEqualTo(DatabaseTls.REQUIRED);
  }

  @Test
  void urlExcludesTheSplitKeys() {
    assertThat(
            Configs.rendered(
                databases(
                    """
                      - name: db
                        url: postgresql://u:secret@h/d
                        hostname: h
                        port: 5432
                        database: d
                        username: u
                        password: hunter2
                        slot_name: s1
                        publication_name: p1
                    """)))
        .containsExactly(
            "databases[0].hostname: not allowed with url (the url sets it) (was: h) [line 4]",
            "databases[0].port: not allowed with url (the url sets it) (was: 5432) [line 5]",
            "databases[0].database: not allowed with url (the url sets it) (was: d) [line 6]",
            "databases[0].username: not allowed with url (the url sets it) (was: u) [line 7]",
            "databases[0].password: not allowed with url (the url sets it) (was: ****) [line 8]");
  }

  @Test
  void badUrlsAreRejectedWithoutShowingThePassword() {
    assertThat(
            Configs.rendered(
                databases(
                        """
                          - name: a
                            url: mysql://u:secret@h/d
                            slot_name: s1
                            publication_name: p1
                          - name: b
                            url: postgresql://u:secret@h:5432
                            slot_name: s2
                            publication_name: p2
                          - name: c
                            url: postgresql://u:secret@h/d?sslmode=verify-fool
                            slot_name: s3
                            publication_name: p3
                          - name: d
                            url: postgresql://u:secret@h:99999/d
                            ssl: true
                            slot_name: s4
                            publication_name: p4
                          - name: e
                            url: postgresql://h/d?sslmode=disable
                            ssl: true
                            slot_name: s5
                            publication_name: p5
                        """)
                    + "    database: a\n"))
        .containsExactly(
            "databases[0].url: must be a URL like postgresql://user:password@host:port/database"
                + " (was: mysql://u:****@h/d) [line 3]",
            "databases[1].url: must name the database: postgresql://user:password@host:port/"
                + "database (was: postgresql://u:****@h:5432) [line 7]",
            "databases[2].url: sslmode must be one of disable, allow, prefer, require,"
                + " verify-ca, verify-full (was: postgresql://u:****@h/d?sslmode=verify-fool)"
                + " [line 11]",
            "databases[3].url: port must be between 1 and 65535"
                + " (was: postgresql://u:****@h:99999/d) [line 15]",
            "databases[4].ssl: ssl true conflicts with sslmode disable (ssl true means require"
                + " or stricter, false means disable; keep only sslmode) (was: true) [line 21]");
  }

  @Test
  void legacySlotAndPublicationNames() {
    DatabaseConfig db = Configs.parse(Configs.sink("")).databases().get(0);

    assertThat(db.slotName()).isEqualTo("runnel_slot");
    assertThat(db.publicationName()).isEqualTo("runnel_pub");
    assertThat(db.createSlot()).isFalse();
    assertThat(db.createPublication()).isFalse();
  }

  @Test
  void slotAndPublicationNamesAreRequired() {
    assertThat(
            Configs.rendered(
                databases(
                    """
                      - name: db
                        hostname: h
                        database: d
                        slot: {create_if_not_exists: true}
                    """)))
        .containsExactly(
            "databases[0].publication.name: required (or the legacy publication_name) [line 2]",
            "databases[0].slot.name: required [line 5]");
  }

  @Test
  void objectAndLegacyFormsAreExclusive() {
    assertThat(
            Configs.rendered(
                databases(
                    """
                      - name: db
                        hostname: h
                        database: d
                        slot: {name: a}
                        slot_name: a
                        publication: {name: p}
                        publication_name: p
                    """)))
        .containsExactly(
            "databases[0].slot_name: use either slot or the legacy slot_name, not both (was: a)"
                + " [line 6]",
            "databases[0].publication_name: use either publication or the legacy"
                + " publication_name, not both (was: p) [line 8]");
  }

  @Test
  void slotAndPublicationNamesFollowPostgresRules() {
    assertThat(
            Configs.rendered(
                databases(
                    """
                      - name: db
                        hostname: h
                        database: d
                        slot_name: Runnel-Slot
                        publication_name: %s
                    """
                        .formatted("p".repeat(64)))))
        .containsExactly(
            "databases[0].slot_name: must be 1 to 63 lower-case letters, digits or underscores"
                + " (PostgreSQL's slot name rule) (was: Runnel-Slot) [line 5]",
            "databases[0].publication_name: must be at most 63 bytes long (PostgreSQL would"
                + " truncate it) (was: "
                + "p".repeat(64)
                + ") [line 6]");
  }

  @Test
  void requiredFieldsAndRanges() {
    assertThat(
            Configs.rendered(
                databases(
                    """
                      - port: 70000
                        ssl: yes
                        heartbeat_interval_ms: 10
                        slot_name: s
                        publication_name: p
                    """)))
        .containsExactly(
            "databases[0].name: required [line 2]",
            "databases[0].hostname: required [line 2]",
            "databases[0].port: must be between 1 and 65535 (was: 70000) [line 2]",
            "databases[0].database: required [line 2]",
            "databases[0].ssl: must be true or false (was: yes) [line 3]",
            "databases[0].heartbeat_interval_ms: must be 0 (off) or between 1000 and 86400000"
                + " (was: 10) [line 4]");
  }

  @Test
  void namesAreUniqueAndUrlSafe() {
    assertThat(
            Configs.rendered(
                    databases(
                        """
                          - {name: db, hostname: h, database: d, slot_name: s1, publication_name: p}
                          - {name: db, hostname: h, database: d, slot_name: s2, publication_name: p}
                          - {name: "my db", hostname: h, database: d, slot_name: s3, publication_name: p}
                        """))
                .subList(0, 2))
        .containsExactly(
            "databases[1].name: duplicate database name, also used by databases[0] (was: db)"
                + " [line 3]",
            "databases[2].name: may contain only letters, digits, '_', '-' and '.' (at most 128)"
                + " (was: my db) [line 4]");
  }

  @Test
  void twoEntriesCannotShareOneSlot() {
    assertThat(
            Configs.rendered(
                databases(
                        """
                          - {name: a, hostname: h, database: d, slot_name: s, publication_name: p}
                          - {name: b, hostname: h, database: d, slot_name: s, publication_name: p}
                        """)
                    + "\n    database: a\n"))
        .containsExactly(
            "databases[1].slot: replication slot already used by databases[0] (a slot feeds only"
                + " one reader) (was: s) [line 3]");
  }

  @Test
  void atLeastOneDatabaseIsRequired() {
    assertThat(Configs.rendered(Configs.SINK))
        .containsExactly("databases: at least one database is required (sinks stream from it)");
    assertThat(Configs.rendered("databases: []\n" + Configs.SINK))
        .containsExactly(
            "databases: at least one database is required (sinks stream from it) [line 1]");
  }

  @Test
  void sequinPublicationSqlAndReplicasAreRejected() {
    assertThat(
            Configs.rendered(
                databases(
                    """
                      - name: db
                        hostname: h
                        database: d
                        slot_name: s
                        publication: {name: p, create_if_not_exists: true, init_sql: "create publication p"}
                        primary: {hostname: primary}
                    """)))
        .containsExactly(
            "databases[0].publication.init_sql: not supported: create the publication with your"
                + " own SQL before starting Runnel and set create_if_not_exists: false [line 6]",
            "databases[0].primary: not supported: Runnel reads from the primary; point hostname"
                + " (or url) at the primary instead of a replica [line 7]");
  }
}

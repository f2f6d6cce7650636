package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.config.DatabaseTls.Mode;
import org.junit.jupiter.api.Test;

/** The TLS keys of databases[] and state, in the YAML and in url query strings; each rejection. */
class TlsRulesTest {
  private static final String DIR = "src/test/resources/tls/";
  private static final String CA = DIR + "ca.pem";
  private static final String CERT = DIR + "client.pem";
  private static final String KEY = DIR + "client-key.pem";

  /** One database with {@code lines} (at key indentation) after line 4 ({@code database: d}). */
  private static String database(String lines) {
    return """
        databases:
          - name: db
            hostname: h
            database: d
            slot_name: s1
            publication_name: p1
        """
        + lines.indent(4)
        + Configs.SINK;
  }

  private static DatabaseTls tls(String lines) {
    return Configs.parse(database(lines)).databases().get(0).tls();
  }

  @Test
  void noKeysMeansNoTls() {
    assertThat(tls("")).isEqualTo(DatabaseTls.DISABLED);
    assertThat(Configs.parse(database("")).databases().get(0).jdbcUrl())
        .endsWith("sslmode=disable");
  }

  @Test
  void sslIsTheSequinSpellingOfRequireAndDisable() {
    assertThat(tls("ssl: true")).isEqualTo(DatabaseTls.REQUIRED);
    assertThat(tls("ssl: false")).isEqualTo(DatabaseTls.DISABLED);
    assertThat(tls("ssl: true\nsslmode: require")).isEqualTo(DatabaseTls.REQUIRED);
    assertThat(tls("ssl: false\nsslmode: disable")).isEqualTo(DatabaseTls.DISABLED);
  }

  @Test
  void verifyFullWithACaFileAndAClientCertificate() {
    DatabaseTls tls =
        tls(
            "sslmode: verify-full\nsslrootcert: %s\nsslcert: %s\nsslkey: %s"
                .formatted(CA, CERT, KEY));

    assertThat(tls).isEqualTo(new DatabaseTls(Mode.VERIFY_FULL, CA, CERT, KEY, null));
    assertThat(Configs.parse(database("sslmode: verify-full\nsslrootcert: system")).databases())
        .first()
        .satisfies(db -> assertThat(db.jdbcUrl()).endsWith("?sslmode=verify-full"));
  }

  @Test
  void everyModeIsAccepted() {
    for (Mode mode : new Mode[] {Mode.DISABLE, Mode.ALLOW, Mode.PREFER, Mode.REQUIRE}) {
      assertThat(tls("sslmode: " + mode.value()).mode()).isEqualTo(mode);
    }
    assertThat(tls("sslmode: verify-ca\nsslrootcert: system").mode()).isEqualTo(Mode.VERIFY_CA);
  }

  @Test
  void urlQueryParametersCarryTheSameSettings() {
    String url =
        "postgresql://u:pw@h/d?sslmode=verify-full&sslrootcert=%s&sslcert=%s&sslkey=%s"
                .formatted(CA, CERT, DIR + "client.pk8")
            + "&sslpassword=s%3Dcret";
    DatabaseConfig db =
        Configs.parse(
                """
                databases:
                  - name: db
                    url: "%s"
                    sslmode: verify-full
                    slot_name: s1
                    publication_name: p1
                """
                        .formatted(url)
                    + Configs.SINK)
            .databases()
            .get(0);

    assertThat(db.tls())
        .isEqualTo(new DatabaseTls(Mode.VERIFY_FULL, CA, CERT, DIR + "client.pk8", "s=cret"));
    assertThat(db.toString()).doesNotContain("s=cret").contains("sslkey_password=****");
    assertThat(Secrets.maskUrl(url)).doesNotContain("s%3Dcret").endsWith("&sslpassword=****");
    assertThat(Problems.mask("databases[0].url", url)).doesNotContain("s%3Dcret");
  }

  @Test
  void unknownModeNamesTheAllowedOnes() {
    assertThat(Configs.rendered(database("sslmode: verify")))
        .containsExactly(
            "databases[0].sslmode: must be one of disable, allow, prefer, require, verify-ca,"
                + " verify-full (was: verify) [line 7]");
  }

  @Test
  void sslAndSslmodeThatDisagreeAreAnErrorNamingBoth() {
    assertThat(Configs.rendered(database("ssl: true\nsslmode: prefer")))
        .containsExactly(
            "databases[0].ssl: ssl true conflicts with sslmode prefer (ssl true means require or"
                + " stricter, false means disable; keep only sslmode) (was: true) [line 7]");
    assertThat(Configs.rendered(database("ssl: false\nsslmode: verify-ca\nsslrootcert: system")))
        .singleElement()
        .asString()
        .startsWith("databases[0].ssl: ssl false conflicts with sslmode verify-ca");
  }

  @Test
  void yamlAndUrlThatDisagreeAreAnError() {
    assertThat(
            Configs.rendered(
                """
                databases:
                  - name: db
                    url: "postgresql://h/d?sslmode=require"
                    sslmode: verify-ca
                    sslrootcert: system
                    slot_name: s1
                    publication_name: p1
                """
                    + Configs.SINK))
        .containsExactly(
            "databases[0].sslmode: conflicts with the url's sslmode (was: verify-ca) [line 4]");
  }

  @Test
  void verifyModesNeedSslrootcert() {
    assertThat(Configs.rendered(database("sslmode: verify-full")))
        .containsExactly(
            "databases[0].sslmode: verify-full needs sslrootcert: the file with the CA"
                + " certificates that sign the server's certificate (for RDS and Aurora the global"
                + " bundle), or system for the JDK's trust store (was: verify-full) [line 7]");
  }

  @Test
  void sslrootcertBelowVerifyCaIsRejected() {
    assertThat(Configs.rendered(database("sslmode: require\nsslrootcert: " + CA)))
        .containsExactly(
            "databases[0].sslrootcert: only used with sslmode verify-ca or verify-full (sslmode"
                + " require does not check the server's certificate) (was: "
                + CA
                + ") [line 8]");
  }

  @Test
  void missingFilesAreNamed() {
    assertThat(
            Configs.rendered(
                database(
                    "sslmode: verify-ca\nsslrootcert: /nonexistent/ca.pem\n"
                        + "sslcert: /nonexistent/c.pem\nsslkey: "
                        + DIR)))
        .containsExactly(
            "databases[0].sslrootcert: file /nonexistent/ca.pem does not exist"
                + " (was: /nonexistent/ca.pem) [line 8]",
            "databases[0].sslcert: file /nonexistent/c.pem does not exist"
                + " (was: /nonexistent/c.pem) [line 9]",
            "databases[0].sslkey: " + DIR + " is not a regular file (was: " + DIR + ") [line 10]");
  }

  @Test
  void missingFilesInTheUrlAreNamed() {
    assertThat(
            Configs.rendered(
                """
                databases:
                  - name: db
                    url: "postgresql://h/d?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem"
                    slot_name: s1
                    publication_name: p1
                """
                    + Configs.SINK))
        .containsExactly(
            "databases[0].url: sslrootcert: file /nonexistent/ca.pem does not exist (was:"
                + " postgresql://h/d?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem) [line 3]");
  }

  @Test
  void certAndKeyComeTogether() {
    assertThat(Configs.rendered(database("sslmode: require\nsslcert: " + CERT)))
        .containsExactly(
            "databases[0].sslkey: required with sslcert (the client certificate's private key)"
                + " [line 2]");
    assertThat(Configs.rendered(database("sslmode: require\nsslkey: " + KEY)))
        .containsExactly(
            "databases[0].sslcert: required with sslkey (the client certificate) [line 2]");
  }

  @Test
  void keyPasswordNeedsAKeyAndIsMasked() {
    assertThat(Configs.rendered(database("sslmode: require\nsslkey_password: hunter2")))
        .containsExactly(
            "databases[0].sslkey_password: only used with sslkey (was: ****) [line 8]");
  }

  @Test
  void clientCertificateNeedsTls() {
    assertThat(Configs.rendered(database("sslcert: %s\nsslkey: %s".formatted(CERT, KEY))))
        .containsExactly(
            "databases[0].sslcert: not used with sslmode disable (no TLS) (was: "
                + CERT
                + ") [line 7]");
  }

  @Test
  void systemTrustStoreCannotCarryAClientCertificate() {
    assertThat(
            Configs.rendered(
                database(
                    "sslmode: verify-full\nsslrootcert: system\nsslcert: %s\nsslkey: %s"
                        .formatted(CERT, KEY))))
        .containsExactly(
            "databases[0].sslrootcert: system cannot be combined with a client certificate"
                + " (pgjdbc then reads neither sslcert nor sslkey); give the CA file instead"
                + " (was: system) [line 8]");
  }

  @Test
  void keyFormatsPgjdbcCannotReadAreRejectedWithTheConversion() {
    String pkcs1 = DIR + "pkcs1-key.pem";
    String encrypted = DIR + "encrypted-key.pem";
    assertThat(
            Configs.rendered(
                database("sslmode: require\nsslcert: %s\nsslkey: %s".formatted(CERT, pkcs1))))
        .containsExactly(
            "databases[0].sslkey: is a PKCS#1/SEC1 PEM key, which pgjdbc does not read; convert"
                + " it to PKCS#8 with: openssl pkcs8 -topk8 -in "
                + pkcs1
                + " -nocrypt -out key.pem (was: "
                + pkcs1
                + ") [line 9]");
    assertThat(
            Configs.rendered(
                database("sslmode: require\nsslcert: %s\nsslkey: %s".formatted(CERT, encrypted))))
        .singleElement()
        .asString()
        .contains("is an encrypted PEM key, which pgjdbc does not read")
        .contains("-outform DER -out key.pk8");
  }

  @Test
  void stateTakesItsOwnTlsWithAUrlAndInheritsWithoutOne() {
    String yaml =
        """
        state:
          url: "postgresql://u@state/runnel?sslmode=verify-full"
          sslrootcert: %s
        """
            .formatted(CA);
    RunnelConfig config = Configs.parse(yaml + database("sslmode: require"));
    DatabaseConfig source = config.databases().get(0);

    assertThat(config.state().database(source).tls())
        .isEqualTo(new DatabaseTls(Mode.VERIFY_FULL, CA, null, null, null));
    assertThat(Configs.parse(database("ssl: true")).state().database(source).tls())
        .isEqualTo(DatabaseTls.REQUIRED);
  }

  @Test
  void stateTlsKeysNeedAUrl() {
    assertThat(Configs.rendered("state:\n  sslmode: require\n" + database("")))
        .containsExactly(
            "state.sslmode: only with url (without one, the state store uses each database's own"
                + " connection, login and TLS settings) (was: require) [line 2]");
  }

  @Test
  void stateUrlParametersAreChecked() {
    assertThat(
            Configs.rendered("state:\n  url: postgresql://h/d?sslmode=verify-ca\n" + database("")))
        .singleElement()
        .asString()
        .startsWith("state.url: sslmode: verify-ca needs sslrootcert");
  }
}

package io.runnel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** password, password_file and use_iam_auth on databases[] and state: forms and each rejection. */
class DatabaseAuthRulesTest {
  private static final String RDS = "mydb.abc123.eu-west-1.rds.amazonaws.com";

  @TempDir Path dir;
  private Path secret;

  @BeforeEach
  void writeSecret() throws IOException {
    secret = Files.writeString(dir.resolve("pg-password"), "s3cret-from-file\n");
  }

  /** One database (line 2 onwards) with these extra lines after its name. */
  private static String database(String lines) {
    StringBuilder yaml = new StringBuilder("databases:\n  - name: db\n");
    lines.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
    if (!lines.contains("url:")) {
      yaml.append("    database: app\n");
    }
    return yaml.append("    slot_name: s1\n    publication_name: p1\n")
        .append(Configs.SINK)
        .toString();
  }

  private static DatabaseConfig parsed(String lines) {
    return Configs.parse(database(lines)).databases().get(0);
  }

  @Test
  void passwordFileIsReadLaterNotAtLoad() {
    DatabaseConfig db = parsed("hostname: h\npassword_file: " + secret);

    assertThat(db.auth()).isEqualTo(new DatabaseAuth.PasswordFile(secret));
    assertThat(db.password()).isNull();
    assertThat(db.toString()).contains("passwordFile=" + secret).doesNotContain("s3cret");
  }

  @Test
  void passwordFileWithPasswordNamesBoth() {
    assertThat(Configs.rendered(database("hostname: h\npassword: pw\npassword_file: " + secret)))
        .containsExactly(
            "databases[0].password_file: not allowed with password (use one of them) (was: "
                + secret
                + ") [line 5]");
  }

  @Test
  void passwordFileWithAPasswordInTheUrlNamesBoth() {
    assertThat(Configs.rendered(database("url: postgresql://u:pw@h/app\npassword_file: " + secret)))
        .containsExactly(
            "databases[0].password_file: not allowed with a password in url (use one of them)"
                + " (was: "
                + secret
                + ") [line 4]");
  }

  @Test
  void aMissingPasswordFileIsAnErrorNamingThePath() {
    Path missing = dir.resolve("nope");

    assertThat(Configs.rendered(database("hostname: h\npassword_file: " + missing)))
        .containsExactly(
            "databases[0].password_file: cannot read "
                + missing
                + ": no such file (was: "
                + missing
                + ") [line 4]");
  }

  @Test
  void aDirectoryIsNotAPasswordFile() {
    assertThat(Configs.rendered(database("hostname: h\npassword_file: " + dir)))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("cannot read " + dir + ": not a regular file");
  }

  @Test
  void iamReadsTheRegionFromTheRdsHostName() {
    DatabaseConfig db = parsed("hostname: " + RDS + "\nssl: true\nuse_iam_auth: true");

    assertThat(db.auth()).isEqualTo(new DatabaseAuth.Iam("eu-west-1", null, null));
  }

  @Test
  void iamTakesARegionAndARoleWithExternalIdMaskedWhenPrinted() {
    DatabaseConfig db =
        parsed(
            """
            hostname: pg.internal
            ssl: true
            use_iam_auth: true
            iam_region: us-gov-west-1
            iam_role_arn: arn:aws:iam::123456789012:role/runnel-db
            iam_external_id: ext-secret
            """);

    assertThat(db.auth())
        .isEqualTo(
            new DatabaseAuth.Iam(
                "us-gov-west-1", "arn:aws:iam::123456789012:role/runnel-db", "ext-secret"));
    assertThat(db.toString()).contains("region=us-gov-west-1").doesNotContain("ext-secret");
  }

  @Test
  void iamExcludesPasswordPasswordFileAndAUrlPassword() {
    assertThat(
            Configs.rendered(
                database("hostname: " + RDS + "\nssl: true\npassword: pw\nuse_iam_auth: true")))
        .containsExactly(
            "databases[0].use_iam_auth: not allowed with password (IAM authentication sends a"
                + " fresh token as the password) (was: true) [line 6]");
    assertThat(
            Configs.rendered(
                database(
                    "hostname: "
                        + RDS
                        + "\nssl: true\npassword_file: "
                        + secret
                        + "\nuse_iam_auth: true")))
        .containsExactly(
            "databases[0].use_iam_auth: not allowed with password_file (IAM authentication sends"
                + " a fresh token as the password) (was: true) [line 6]");
    assertThat(
            Configs.rendered(
                database(
                    "url: postgresql://u:pw@" + RDS + "/app?sslmode=require\nuse_iam_auth: true")))
        .containsExactly(
            "databases[0].use_iam_auth: not allowed with a password in url (IAM authentication"
                + " sends a fresh token as the password) (was: true) [line 4]");
  }

  @Test
  void iamRequiresTls() {
    assertThat(Configs.rendered(database("hostname: " + RDS + "\nuse_iam_auth: true")))
        .containsExactly(
            "databases[0].use_iam_auth: IAM authentication requires TLS: set sslmode: verify-full"
                + " (or at least require) (was: true) [line 4]");
    // prefer may fall back to plain text, which would send the token in the clear
    assertThat(
            Configs.rendered(
                database("hostname: " + RDS + "\nsslmode: prefer\nuse_iam_auth: true")))
        .containsExactly(
            "databases[0].use_iam_auth: IAM authentication requires TLS: set sslmode: verify-full"
                + " (or at least require) (was: true) [line 5]");
    RunnelConfig verified =
        Configs.parse(
            database(
                "hostname: "
                    + RDS
                    + "\nsslmode: verify-full\nsslrootcert: system\nuse_iam_auth: true"));
    assertThat(verified.databases().get(0).auth()).isInstanceOf(DatabaseAuth.Iam.class);
  }

  @Test
  void iamNeedsOneHost() {
    assertThat(
            Configs.rendered(
                database("hostname: " + RDS + "," + RDS + "\nssl: true\nuse_iam_auth: true")))
        .containsExactly(
            "databases[0].use_iam_auth: needs a single host: a token is signed for one host name"
                + " (use the cluster endpoint, which follows a failover) (was: true) [line 5]");
  }

  @Test
  void iamNeedsARegionForOtherHosts() {
    assertThat(Configs.rendered(database("hostname: pg.internal\nssl: true\nuse_iam_auth: true")))
        .containsExactly(
            "databases[0].use_iam_auth: needs iam_region: pg.internal is not an RDS host name to"
                + " read the region from (like mydb.abc123.eu-west-1.rds.amazonaws.com) (was:"
                + " true) [line 5]");
  }

  @Test
  void iamRegionRoleAndExternalIdAreChecked() {
    assertThat(
            Configs.rendered(
                database(
                    """
                    hostname: pg.internal
                    ssl: true
                    use_iam_auth: true
                    iam_region: Ireland
                    iam_role_arn: runnel-db
                    """)))
        .containsExactly(
            "databases[0].iam_region: must be an AWS region like eu-west-1 (was: Ireland) [line"
                + " 6]",
            "databases[0].iam_role_arn: must be an IAM role ARN like"
                + " arn:aws:iam::123456789012:role/name (was: runnel-db) [line 7]");
    assertThat(
            Configs.rendered(
                database(
                    "hostname: " + RDS + "\nssl: true\nuse_iam_auth: true\niam_external_id: x")))
        .containsExactly(
            "databases[0].iam_external_id: only used with iam_role_arn (was: ****) [line 6]");
  }

  @Test
  void iamKeysNeedUseIamAuth() {
    assertThat(
            Configs.rendered(
                database(
                    """
                    hostname: h
                    iam_region: eu-west-1
                    iam_role_arn: arn:aws:iam::123456789012:role/r
                    iam_external_id: x
                    """)))
        .containsExactly(
            "databases[0].iam_region: only used with use_iam_auth: true (was: eu-west-1) [line"
                + " 4]",
            "databases[0].iam_role_arn: only used with use_iam_auth: true (was:"
                + " arn:aws:iam::123456789012:role/r) [line 5]",
            "databases[0].iam_external_id: only used with use_iam_auth: true (was: ****) [line"
                + " 6]");
  }

  @Test
  void rdsHostNamesGiveTheirRegion() {
    assertThat(DatabaseAuthSection.rdsRegion(RDS)).isEqualTo("eu-west-1");
    assertThat(DatabaseAuthSection.rdsRegion("app.cluster-abc123.us-east-2.rds.amazonaws.com:5432"))
        .isEqualTo("us-east-2");
    assertThat(
            DatabaseAuthSection.rdsRegion("app.cluster-ro-abc123.ap-southeast-1.rds.amazonaws.com"))
        .isEqualTo("ap-southeast-1");
    assertThat(DatabaseAuthSection.rdsRegion("px.proxy-abc123.us-gov-west-1.rds.amazonaws.com"))
        .isEqualTo("us-gov-west-1");
    assertThat(DatabaseAuthSection.rdsRegion("db.abc.cn-north-1.rds.amazonaws.com.cn"))
        .isEqualTo("cn-north-1");
    assertThat(DatabaseAuthSection.rdsRegion("MyDB.ABC123.EU-WEST-1.RDS.AMAZONAWS.COM"))
        .isEqualTo("eu-west-1");
    assertThat(DatabaseAuthSection.rdsRegion("pg.internal")).isNull();
    assertThat(DatabaseAuthSection.rdsRegion("10.0.0.5")).isNull();
    assertThat(DatabaseAuthSection.rdsRegion("eu-west-1.rds.amazonaws.com")).isNull();
    assertThat(DatabaseAuthSection.rdsRegion("db.abc.eu-west-1.rds.amazonaws.com.evil.io"))
        .isNull();
  }

  @Test
  void stateTakesAPasswordFileWithItsUrl() {
    String yaml =
        "state:\n  url: postgresql://runnel@state-db/runnel\n  password_file: "
            + secret
            + "\n"
            + database("hostname: h\npassword: source-pw");
    RunnelConfig config = Configs.parse(yaml);
    DatabaseConfig store = config.state().database(config.databases().get(0));

    assertThat(store.auth()).isEqualTo(new DatabaseAuth.PasswordFile(secret));
    assertThat(config.state().toString()).doesNotContain("s3cret");
  }

  @Test
  void statePasswordFileNeedsAUrlWithoutPassword() {
    assertThat(
            Configs.rendered("state:\n  password_file: " + secret + "\n" + database("hostname: h")))
        .containsExactly(
            "state.password_file: only with url (without one, the state store uses each"
                + " database's own connection, login and TLS settings) (was: "
                + secret
                + ") [line 2]");
    assertThat(
            Configs.rendered(
                "state:\n  url: postgresql://u:pw@h/d\n  password_file: "
                    + secret
                    + "\n"
                    + database("hostname: h")))
        .containsExactly(
            "state.password_file: not allowed with a password in url (use one of them) (was: "
                + secret
                + ") [line 3]");
  }

  @Test
  void stateLogsInToItsUrlWithIamTokensOverTls() {
    String url = "postgresql://runnel@state.abc123.eu-west-1.rds.amazonaws.com/runnel";
    RunnelConfig config =
        Configs.parse(
            "state:\n  url: "
                + url
                + "?sslmode=require\n  use_iam_auth: true\n"
                + database("hostname: h"));
    DatabaseConfig store = config.state().database(config.databases().get(0));

    assertThat(store.auth()).isEqualTo(new DatabaseAuth.Iam("eu-west-1", null, null));
    assertThat(
            Configs.rendered(
                "state:\n  url: " + url + "\n  use_iam_auth: true\n" + database("hostname: h")))
        .containsExactly(
            "state.use_iam_auth: IAM authentication requires TLS: set sslmode: verify-full (or at"
                + " least require) (was: true) [line 3]");
    assertThat(Configs.rendered("state:\n  use_iam_auth: true\n" + database("hostname: h")))
        .containsExactly(
            "state.use_iam_auth: only with url (without one, the state store uses each database's"
                + " own connection, login and TLS settings) (was: true) [line 2]");
  }
}

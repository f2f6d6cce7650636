package io.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.runnel.config.DatabaseAuth;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.DatabaseTls;
import io.runnel.time.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** How each connection gets its password: static, file re-read, IAM token per connection. */
class PasswordSourcesTest {
  @TempDir Path dir;

  private static DatabaseConfig db(String hostname, DatabaseAuth auth) {
    return new DatabaseConfig(
        "orders-db",
        hostname,
        5432,
        "app",
        "runnel",
        auth,
        DatabaseTls.REQUIRED,
        "s",
        false,
        "p",
        false,
        0);
  }

  @Test
  void aStaticPasswordOrNone() throws SQLException {
    assertThat(PasswordSources.of(DatabaseAuth.password("pw")).password(db("h", null)))
        .isEqualTo("pw");
    assertThat(PasswordSources.of(DatabaseAuth.NONE).password(db("h", null))).isNull();
  }

  @Test
  void aPasswordFileIsReadAtEachConnectionWithoutItsTrailingNewline() throws Exception {
    Path file = Files.writeString(dir.resolve("password"), "first secret\n");
    var source = PasswordSources.of(new DatabaseAuth.PasswordFile(file));
    DatabaseConfig db = db("h", new DatabaseAuth.PasswordFile(file));

    assertThat(source.password(db)).isEqualTo("first secret");
    Files.writeString(file, "rotated\r\n");
    assertThat(source.password(db)).isEqualTo("rotated");
    Files.writeString(file, "no newline");
    assertThat(source.password(db)).isEqualTo("no newline");
  }

  @Test
  void aMissingPasswordFileIsARetriableErrorNamingThePath() throws IOException {
    Path file = Files.writeString(dir.resolve("password"), "secret-value");
    var source = PasswordSources.of(new DatabaseAuth.PasswordFile(file));
    Files.delete(file);

    SQLException e =
        catchThrowableOfType(
            SQLException.class,
            () -> source.password(db("h", new DatabaseAuth.PasswordFile(file))));

    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(e.getMessage())
        .isEqualTo("database orders-db: cannot read password_file " + file + ": no such file");
  }

  @Test
  void iamAsksForAFreshTokenForEveryConnection() throws SQLException {
    List<String> requests = new ArrayList<>();
    FakeClock clock = new FakeClock();
    IamTokens tokens =
        new IamTokens(
            (host, port, user) -> {
              requests.add(user + "@" + host + ":" + port);
              return "token-" + requests.size();
            },
            clock);
    DatabaseConfig db =
        db("mydb.abc123.eu-west-1.rds.amazonaws.com", new DatabaseAuth.Provided(tokens));

    assertThat(tokens.password(db)).isEqualTo("token-1");
    assertThat(tokens.password(db)).isEqualTo("token-2");
    clock.advance(Duration.ofMinutes(14));
    assertThat(tokens.password(db)).isEqualTo("token-3");
    assertThat(requests)
        .containsOnly("runnel@mydb.abc123.eu-west-1.rds.amazonaws.com:5432")
        .hasSize(3);
  }

  @Test
  void iamSignsForTheHostsOwnPort() throws SQLException {
    List<String> requests = new ArrayList<>();
    IamTokens tokens =
        new IamTokens(
            (host, port, user) -> {
              requests.add(host + ":" + port);
              return "t";
            },
            new FakeClock());

    tokens.password(db("pg.internal:6432", DatabaseAuth.NONE));

    assertThat(requests).containsExactly("pg.internal:6432");
  }

  @Test
  void aTokenThatCannotBeMadeIsARetriableErrorNamingTheUser() {
    IamTokens tokens =
        new IamTokens(
            (host, port, user) -> {
              throw new IllegalStateException("Unable to load credentials from any provider");
            },
            new FakeClock());

    SQLException e = catchThrowableOfType(SQLException.class, () -> tokens.password(db("h", null)));

    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(e.getMessage())
        .isEqualTo(
            "database orders-db: cannot create an IAM authentication token for runnel@h:5432:"
                + " Unable to load credentials from any provider");
  }

  @Test
  void aProvidedSourceIsUsedAsIs() {
    IamTokens tokens = new IamTokens((host, port, user) -> "t", new FakeClock());

    assertThat(PasswordSources.of(new DatabaseAuth.Provided(tokens))).isSameAs(tokens);
  }

  /**
   * The SDK's RdsUtilities, offline: a presigned {@code connect} request for the user at host and
   * port, signed for rds-db in the region with the given keys, valid 900 s. (RdsUtilities reads the
   * system clock; its clock is not settable, so the date is checked against the test's window.)
   */
  @Test
  void rdsUtilitiesSignAConnectTokenWithoutNetwork() {
    var keys =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    Instant before = Instant.now().minusSeconds(1);

    String token =
        PasswordSources.rdsTokens(Region.EU_WEST_1, keys)
            .token("mydb.abc123.eu-west-1.rds.amazonaws.com", 5432, "runnel");

    DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    assertThat(token)
        .startsWith("mydb.abc123.eu-west-1.rds.amazonaws.com:5432/?")
        .contains("Action=connect", "DBUser=runnel", "X-Amz-Algorithm=AWS4-HMAC-SHA256")
        .contains("X-Amz-Expires=900", "X-Amz-SignedHeaders=host")
        .contains(
            "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F"
                + day.format(before.plusSeconds(1))
                + "%2Feu-west-1%2Frds-db%2Faws4_request")
        .containsPattern("X-Amz-Signature=[0-9a-f]{64}")
        .doesNotContain("wJalrXUtnFEMI");
    String date = token.replaceFirst(".*X-Amz-Date=(\\d{8}T\\d{6}Z).*", "$1");
    Instant signed = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").parse(date, Instant::from);
    assertThat(signed).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
  }
}

package io.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnel.config.CheckResult;
import io.runnel.config.ConfigLoader;
import io.runnel.config.DatabaseAuth;
import io.runnel.config.DatabaseConfig;
import io.runnel.config.RunnelConfig;
import io.runnel.jdbc.IamTokens;
import io.runnel.runtime.Runnel;
import io.runnel.runtime.RunnelOptions;
import io.runnel.source.SourceChecks;
import io.runnel.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every Runnel connection asks for its password anew: a rotated {@code password_file} and a new IAM
 * token are used after the server drops all of Runnel's connections, and rows keep streaming
 * without a gap. The server checks passwords for the test's two roles (source, and a state store at
 * its own url; {@code md5} in pg_hba.conf, so its own server); the IAM tokens come from a fake
 * generator whose token the test sets as the role's password, injected with {@link
 * RunnelOptions#withPasswords}.
 */
@RealServers(ownPostgres = true)
class DatabaseAuthIT {
  private static final String ROLE = "runnel_auth";
  private static final String STATE_ROLE = "runnel_state_auth";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SOURCE_CONNECTIONS = Set.of("runnel");
  private static final Set<String> STORE_CONNECTIONS = Set.of("runnel-state", "runnel:");
  private static Servers servers;

  @TempDir Path dir;

  @BeforeAll
  static void rolesWithPasswordChecks() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (String role : List.of(ROLE, STATE_ROLE)) {
      servers.sql("CREATE ROLE " + role + " SUPERUSER LOGIN PASSWORD 'initial'");
      for (String database : List.of("all", "replication")) {
        for (String address : List.of("127.0.0.1/32", "::1/128")) {
          lines.append("host ").append(database).append(' ').append(role);
          lines.append(' ').append(address).append(" md5\n");
        }
      }
    }
    Path hba = Path.of(servers.query("SHOW hba_file"));
    Files.writeString(hba, lines + Files.readString(hba));
    servers.sql("SELECT pg_reload_conf()");
    await().until(() -> !canConnect(ROLE, "wrong") && !canConnect(STATE_ROLE, "wrong"));
  }

  @AfterAll
  static void dropRoles() throws Exception {
    for (String role : List.of(ROLE, STATE_ROLE)) {
      servers.sql("DROP OWNED BY " + role, "DROP ROLE " + role);
    }
  }

  /** The source and a state store at its own url each read their own rotated password_file. */
  @Test
  void rotatedPasswordFilesAreReadOnReconnect() throws Exception {
    servers.sql("CREATE TABLE public.filed (id int PRIMARY KEY)");
    setPassword(ROLE, "first-password");
    setPassword(STATE_ROLE, "first-state-password");
    Path file = Files.writeString(dir.resolve("password"), "first-password\n");
    Path stateFile = Files.writeString(dir.resolve("state-password"), "first-state-password\n");
    String queueUrl = servers.createQueue("filed");
    String yaml =
        stateAt(stateFile)
            + asRole(
                servers.yaml("filed", "public.filed", queueUrl), "password_file: \"" + file + "\"");
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    try (Runnel runnel = Runnel.start(RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())))) {
      insert("filed", 1, 10);
      awaitIds(reader, 10);
      awaitConnected(ROLE, SOURCE_CONNECTIONS);
      awaitConnected(STATE_ROLE, STORE_CONNECTIONS);

      setPassword(ROLE, "rotated-password");
      setPassword(STATE_ROLE, "rotated-state-password");
      Files.writeString(file, "rotated-password\n");
      Files.writeString(stateFile, "rotated-state-password\n");
      assertThat(dropRunnelConnections()).contains("runnel", "runnel-state");
      insert("filed", 11, 20);

      awaitIds(reader, 20);
      awaitConnected(ROLE, SOURCE_CONNECTIONS);
      awaitConnected(STATE_ROLE, STORE_CONNECTIONS);
      assertThat(canConnect(ROLE, "first-password")).as("the old password works").isFalse();
    }
    assertThat(ids(reader.received())).hasSize(20);
  }

  /** A {@code state:} section at this server's database, as the state role, with its file. */
  private static String stateAt(Path passwordFile) {
    return """
        state:
          url: "postgresql://%s@localhost:%d/%s"
          password_file: "%s"
        """
        .formatted(STATE_ROLE, servers.postgres.port(), servers.postgres.name(), passwordFile);
  }

  @Test
  void aNewIamTokenIsRequestedAndUsedForEachConnection() throws Exception {
    servers.sql("CREATE TABLE public.tokened (id int PRIMARY KEY)");
    AtomicInteger epoch = new AtomicInteger(1);
    List<String> requested = new CopyOnWriteArrayList<>();
    IamTokens tokens =
        new IamTokens(
            (host, port, user) -> {
              String token = "iam-token-" + epoch.get() + "-for-" + user + "@" + host + ":" + port;
              requested.add(token);
              return token;
            },
            Clock.system());
    setPassword(ROLE, token(1));
    String queueUrl = servers.createQueue("tokened");
    String yaml = asRole(servers.yaml("tokened", "public.tokened", queueUrl), "");
    QueueReader reader = new QueueReader(servers.sqsClient, queueUrl);
    RunnelOptions options =
        RunnelOptions.defaults(ConfigLoader.parse(yaml, Map.of())).withPasswords(db -> tokens);
    try (Runnel runnel = Runnel.start(options)) {
      insert("tokened", 1, 10);
      awaitIds(reader, 10);
      int before = requested.size();
      assertThat(requested).isNotEmpty().allMatch(t -> t.equals(token(1)));

      epoch.set(2);
      setPassword(ROLE, token(2));
      dropRunnelConnections();
      insert("tokened", 11, 20);

      awaitIds(reader, 20);
      awaitConnected(ROLE, Set.of("runnel", "runnel-state", "runnel:"));
      assertThat(requested.subList(before, requested.size()))
          .as("tokens requested after the reconnect")
          .isNotEmpty()
          .allMatch(t -> t.equals(token(2)));
      assertThat(canConnect(ROLE, token(1))).as("the old token works").isFalse();
    }
    assertThat(ids(reader.received())).hasSize(20);
  }

  @Test
  void validateConnectNamesThePasswordFileWhenTheLoginIsRefusedOrItIsGone() throws Exception {
    setPassword(ROLE, "current-password");
    Path file = Files.writeString(dir.resolve("stale"), "stale-password\n");
    String queueUrl = servers.createQueue("checked");
    String yaml =
        asRole(
            servers.yaml("checked", "public.checked", queueUrl), "password_file: \"" + file + "\"");
    RunnelConfig config = ConfigLoader.parse(yaml, Map.of());

    assertThat(SourceChecks.check(config))
        .singleElement()
        .extracting(CheckResult::message, InstanceOfAssertFactories.STRING)
        .contains("password authentication failed")
        .endsWith(
            "check username and the password in "
                + file
                + ", and that pg_hba.conf admits"
                + " this host and user")
        .doesNotContain("stale-password");
    Files.delete(file);
    assertThat(SourceChecks.check(config))
        .singleElement()
        .extracting(CheckResult::message)
        .isEqualTo("database e2e-database: cannot read password_file " + file + ": no such file");
  }

  /**
   * The real IAM path (RdsUtilities, the default chain, here static keys in system properties)
   * signs a token and sends it; the server refuses it, and validate --connect says what to grant.
   */
  @Test
  void aRefusedIamTokenPointsAtRdsIamAndTheConnectPolicy() throws Exception {
    String queueUrl = servers.createQueue("iam_checked");
    RunnelConfig parsed =
        ConfigLoader.parse(
            asRole(servers.yaml("iam_checked", "public.iam_checked", queueUrl), ""), Map.of());
    DatabaseConfig db =
        parsed.databases().get(0).withAuth(new DatabaseAuth.Iam("eu-west-1", null, null));
    RunnelConfig config =
        new RunnelConfig(
            parsed.server(), parsed.state(), List.of(db), parsed.functions(), parsed.sinks());
    System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
    System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    try {
      assertThat(SourceChecks.check(config))
          .singleElement()
          .extracting(CheckResult::message, InstanceOfAssertFactories.STRING)
          .contains("password authentication failed for user \"" + ROLE + "\"")
          .contains("GRANT rds_iam")
          .endsWith(
              "rds-db:connect to arn:aws:rds-db:eu-west-1:<account>:dbuser:<resource id>/" + ROLE);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  private static String token(int epoch) {
    return "iam-token-" + epoch + "-for-" + ROLE + "@localhost:" + servers.postgres.port();
  }

  /** The config with the test's role and {@code login} instead of the superuser's password. */
  private static String asRole(String yaml, String login) {
    return yaml.replace("username: \"postgres\"", "username: \"" + ROLE + "\"")
        .replace("password: \"postgres\"", login);
  }

  private static void setPassword(String role, String password) throws SQLException {
    servers.sql("ALTER ROLE " + role + " PASSWORD '" + password + "'");
  }

  private static boolean canConnect(String role, String password) {
    String url = "jdbc:postgresql://localhost:" + servers.postgres.port() + "/postgres";
    try (Connection ignored = DriverManager.getConnection(url, role, password)) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void insert(String table, int from, int to) throws SQLException {
    servers.sql(
        "INSERT INTO public."
            + table
            + " SELECT g FROM generate_series("
            + from
            + ", "
            + to
            + ") g");
  }

  /** Terminates every connection Runnel holds (by application name); returns their names. */
  private static Set<String> dropRunnelConnections() throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Connection connection = servers.postgres.connect();
        Statement sql = connection.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "SELECT application_name, pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE usename IN ('"
                    + ROLE
                    + "', '"
                    + STATE_ROLE
                    + "') AND application_name LIKE 'runnel%'")) {
      while (rows.next()) {
        names.add(prefix(rows.getString(1)));
      }
    }
    return names;
  }

  private static String prefix(String applicationName) {
    return applicationName.startsWith("runnel:") ? "runnel:" : applicationName;
  }

  /** {@code role} holds Runnel connections with each of these application names (prefixes). */
  private static void awaitConnected(String role, Set<String> expected) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Set<String> names = new TreeSet<>();
              String all =
                  servers.query(
                      "SELECT coalesce(string_agg(application_name, ','), '')"
                          + " FROM pg_stat_activity WHERE usename = '"
                          + role
                          + "'");
              for (String name : all.split(",")) {
                names.add(prefix(name));
              }
              return names;
            },
            names -> names.containsAll(expected));
  }

  private static void awaitIds(QueueReader reader, int count) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ids(reader.poll()), ids -> ids.size() == count);
  }

  private static Set<Integer> ids(List<Message> messages) throws IOException {
    Set<Integer> ids = new TreeSet<>();
    List<Message> copy = new ArrayList<>(messages);
    for (Message message : copy) {
      ids.add(JSON.readTree(message.body()).get("record").get("id").asInt());
    }
    return ids;
  }
}
